/** Shows how the engine reads each question given as an argument: `npm run explain -- "question"`. */
import { createEngine } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';

const engine = createEngine(loadKnowledge());
for (const q of process.argv.slice(2)) {
  const { analysis, results } = engine.explain(q);
  const answer = engine.ask(q);
  console.log(`${q}\n  ${JSON.stringify({ ...analysis, entityTerms: [...analysis.entityTerms] })}`);
  for (const r of results) console.log(`  ${r.score.toFixed(2).padStart(7)} ${r.id} [${r.terms.join(' ')}]`);
  // An abstention's first line: which check refused the question, and the fact it cites if any.
  const why = answer.kind === 'abstain' ? ` (${answer.text.split('\n')[0]})` : '';
  console.log(`  => ${answer.kind} ${answer.citations.map((c) => c.factId).join(', ')}${why}\n`);
}
