/** Shows how the engine reads each question given as an argument: `npm run explain -- "question"`. */
import { createEngine } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';

// Sets and maps (background words, alternatives) print as what they hold, not as "{}".
const plain = (_key: string, value: unknown) =>
  value instanceof Set ? [...value] : value instanceof Map ? Object.fromEntries(value) : value;

// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const engine = createEngine(loadKnowledge());
for (const q of process.argv.slice(2)) {
  const { analysis, results } = engine.explain(q);
  const answer = engine.ask(q);
  console.log(`${q}\n  ${JSON.stringify(analysis, plain)}`);
  for (const r of results) console.log(`  ${r.score.toFixed(2).padStart(7)} ${r.id} [${r.terms.join(' ')}]`);
  // An abstention's first line: which check refused the question, and the fact it cites if any.
  const why = answer.kind === 'abstain' ? ` (${answer.text.split('\n')[0]})` : '';
  console.log(`  => ${answer.kind} ${answer.citations.map((c) => c.factId).join(', ')}${why}\n`);
}
