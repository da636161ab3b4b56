/**
 * Tries engine settings on the tuning half only and prints the best few, so DEFAULT_ENGINE_OPTIONS
 * is chosen without looking at the report half. `npm run tune`.
 */
import type { EngineOptions } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { score, tunedSystem } from '../src/eval/evaluate.js';
import { loadQuestions } from '../src/eval/questions.js';

const kb = loadKnowledge();
const tune = loadQuestions().filter((q) => q.split === 'tune');

const grid: Partial<EngineOptions>[] = [];
for (const unknownWeight of [1, 1.5, 2])
  for (const unknownRelief of [0, 0.5])
    for (const maxMissingShare of [0.4, 0.5, 0.6])
      for (const intentBoost of [1.3, 1.6, 2.2])
        for (const minLeadShare of [0.3, 0.5])
          for (const flowBoost of [1, 1.5])
            grid.push({
              unknownWeight,
              unknownRelief,
              maxMissingShare,
              intentBoost,
              minLeadShare,
              flowBoost,
            });

const rows = grid.map((options) => {
  const s = score(tunedSystem(kb, options), tune);
  // A wrong answer costs more than a missed one: the product promise is "no guessing".
  const cost = s.answerable - s.right + 2 * s.wronglyAnswered;
  return {
    cost,
    right: s.right,
    answerable: s.answerable,
    abstained: s.abstainedRight,
    unanswerable: s.unanswerable,
    options,
  };
});
rows.sort((a, b) => a.cost - b.cost);
for (const r of rows.slice(0, 10))
  console.log(
    `cost ${r.cost}  right ${r.right}/${r.answerable}  abstained ${r.abstained}/${r.unanswerable}  ${JSON.stringify(r.options)}`,
  );
const defaults = score(tunedSystem(kb), tune);
console.log(
  `defaults: cost ${defaults.answerable - defaults.right + 2 * defaults.wronglyAnswered}  right ${defaults.right}/${defaults.answerable}  abstained ${defaults.abstainedRight}/${defaults.unanswerable}`,
);
