import MiniSearch from 'minisearch';
import { createEngine, type EngineOptions } from '../core/engine.js';
import type { KnowledgeBase } from '../core/knowledge/schema.js';
import type { Labelled } from './questions.js';

/** What a system did with one question: the fact it led with, or null when it abstained. */
export type System = (question: string) => string | null;

export function tunedSystem(kb: KnowledgeBase, options: Partial<EngineOptions> = {}): System {
  const engine = createEngine(kb, options);
  return (q) => {
    const answer = engine.ask(q);
    return answer.answered ? (answer.citations[0]?.factId ?? null) : null;
  };
}

/** MiniSearch with its defaults over the same fields: it abstains only when nothing matches at all. */
export function createBaselineIndex(kb: KnowledgeBase) {
  const index = new MiniSearch({ fields: ['statement', 'questions', 'keywords'] });
  index.addAll(
    kb.facts.map((f) => ({
      id: f.id,
      statement: f.statement,
      questions: f.questions.join('\n'),
      keywords: f.keywords.join('\n'),
    })),
  );
  return index;
}

export function baselineSystem(kb: KnowledgeBase): System {
  const index = createBaselineIndex(kb);
  return (q) => (index.search(q)[0]?.id as string | undefined) ?? null;
}

export type Score = {
  answerable: number;
  /** Answerable questions led by an acceptable fact. */
  right: number;
  falseAbstentions: number;
  /** Answerable questions led by a fact that does not answer them. */
  wrongFact: number;
  unanswerable: number;
  abstainedRight: number;
  /** Unanswerable questions answered anyway: the worst outcome. */
  wronglyAnswered: number;
  failures: { q: string; expected: string; got: string }[];
};

export function score(system: System, questions: Labelled[]): Score {
  const s: Score = {
    answerable: 0,
    right: 0,
    falseAbstentions: 0,
    wrongFact: 0,
    unanswerable: 0,
    abstainedRight: 0,
    wronglyAnswered: 0,
    failures: [],
  };
  for (const item of questions) {
    const got = system(item.q);
    if (item.expect === 'unanswerable') {
      s.unanswerable++;
      if (got === null) s.abstainedRight++;
      else {
        s.wronglyAnswered++;
        s.failures.push({ q: item.q, expected: 'abstain', got });
      }
    } else {
      s.answerable++;
      if (got !== null && item.expect.includes(got)) s.right++;
      else {
        if (got === null) s.falseAbstentions++;
        else s.wrongFact++;
        s.failures.push({ q: item.q, expected: item.expect.join('|'), got: got ?? 'abstain' });
      }
    }
  }
  return s;
}

export const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);
