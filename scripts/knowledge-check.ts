/**
 * `npm run knowledge:check`: validates every file under knowledge/ and checks that each fact's own
 * question variants retrieve it first. Exit 1 with one line per problem.
 */
import { createEngine } from '../src/core/engine.js';
import { KnowledgeError } from '../src/core/errors.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { deadKeywords, selfTest } from '../src/core/knowledge/self-test.js';

try {
  const kb = loadKnowledge();
  console.log(
    `valid: ${kb.facts.length} facts, ${kb.topics.length} topics, ${kb.entities.length} entities, ${kb.sources.length} source(s)`,
  );
  const { checked, failures } = selfTest(createEngine(kb));
  for (const f of failures) console.log(`fact "${f.factId}": question "${f.question}" retrieves ${f.got}`);
  console.log(
    `self-test: ${checked - failures.length}/${checked} question variants retrieve their own fact first`,
  );
  const dead = deadKeywords(kb);
  for (const d of dead)
    console.log(`fact "${d.factId}": keyword "${d.keyword}" is only stop words or filler and finds nothing`);
  process.exitCode = failures.length || dead.length ? 1 : 0;
} catch (err) {
  if (!(err instanceof KnowledgeError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
