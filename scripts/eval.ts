/**
 * Prints answer quality for the tuned engine and for plain MiniSearch defaults, on the tuning
 * half and the report half of the labelled questions in tests/eval/. `--failures tune` lists what went wrong
 * on the tuning half (`--failures report` on the other); `--json` prints the figures as JSON.
 */
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { baselineSystem, pct, type Score, score, tunedSystem } from '../src/eval/evaluate.js';
import { loadQuestions } from '../src/eval/questions.js';

const { values } = parseArgs({
  options: { failures: { type: 'string' }, json: { type: 'boolean', default: false } },
});
const kb = loadKnowledge();
const questions = loadQuestions();
const systems = { tuned: tunedSystem(kb), baseline: baselineSystem(kb) };
const splits = ['tune', 'report'] as const;

const results = Object.fromEntries(
  Object.entries(systems).map(([name, system]) => [
    name,
    Object.fromEntries(
      splits.map((split) => [
        split,
        score(
          system,
          questions.filter((q) => q.split === split),
        ),
      ]),
    ),
  ]),
) as Record<keyof typeof systems, Record<(typeof splits)[number], Score>>;

if (values.json) {
  console.log(JSON.stringify(results));
} else {
  const row = (label: string, f: (s: Score) => string) =>
    `${label.padEnd(44)}${splits
      .flatMap((sp) => [f(results.tuned[sp]), f(results.baseline[sp])])
      .map((c) => c.padStart(14))
      .join('')}`;
  console.log(
    `${''.padEnd(44)}${['tune: tuned', 'baseline', 'report: tuned', 'baseline'].map((c) => c.padStart(14)).join('')}`,
  );
  console.log(
    row(
      'answerable: answered with the right fact',
      (s) => `${s.right}/${s.answerable} ${pct(s.right, s.answerable)}`,
    ),
  );
  console.log(row('answerable: falsely abstained', (s) => `${s.falseAbstentions}`));
  console.log(row('answerable: led with a wrong fact', (s) => `${s.wrongFact}`));
  console.log(
    row(
      'unanswerable: abstained',
      (s) => `${s.abstainedRight}/${s.unanswerable} ${pct(s.abstainedRight, s.unanswerable)}`,
    ),
  );
  console.log(row('unanswerable: answered anyway (wrong)', (s) => `${s.wronglyAnswered}`));
  // Tune on the tuning half only: look at the report half's failures when reporting, not tuning.
  if (values.failures === 'tune' || values.failures === 'report')
    for (const split of [values.failures] as const)
      for (const f of results.tuned[split].failures)
        console.log(`[${split}] ${f.q}\n    expected ${f.expected}, got ${f.got}`);
}
