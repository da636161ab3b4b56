import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { pct, score, tunedSystem } from '../../src/eval/evaluate.js';
import { loadQuestions } from '../../src/eval/questions.js';

// The report half was never used to choose the engine's settings (`npm run tune` reads only the
// tuning half), so it stands for questions nobody wrote down.
describe('answer quality on the report half of the labelled questions', () => {
  const questions = loadQuestions();
  const report = questions.filter((q) => q.split === 'report');
  const s = score(tunedSystem(loadKnowledge()), report);

  it('is a real test set: enough questions, a third unanswerable, half of those adversarial', () => {
    expect(questions.length).toBeGreaterThanOrEqual(80);
    const unanswerable = questions.filter((q) => q.expect === 'unanswerable');
    expect(unanswerable.length).toBeGreaterThanOrEqual(30);
    expect(unanswerable.filter((q) => 'adversarial' in q && q.adversarial).length * 2).toBeGreaterThanOrEqual(
      unanswerable.length,
    );
    expect(s.answerable).toBeGreaterThanOrEqual(30);
    expect(s.unanswerable).toBeGreaterThanOrEqual(15);
  });

  it('answers at least 95% of answerable questions with the right fact', () => {
    expect(
      s.right / s.answerable,
      `${pct(s.right, s.answerable)}: ${JSON.stringify(s.failures)}`,
    ).toBeGreaterThanOrEqual(0.95);
  });

  it('abstains on at least 95% of unanswerable questions', () => {
    expect(
      s.abstainedRight / s.unanswerable,
      `${pct(s.abstainedRight, s.unanswerable)}: ${JSON.stringify(s.failures)}`,
    ).toBeGreaterThanOrEqual(0.95);
  });
});
