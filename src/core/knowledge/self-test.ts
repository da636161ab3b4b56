import type { Engine } from '../engine.js';
import { createAnalyzer } from '../text.js';
import type { KnowledgeBase } from './schema.js';

export type SelfTestFailure = { factId: string; question: string; got: string };

/** Every fact's own question variants must be answered with that fact leading. */
export function selfTest(engine: Engine): { checked: number; failures: SelfTestFailure[] } {
  const failures: SelfTestFailure[] = [];
  let checked = 0;
  for (const fact of engine.kb.facts) {
    for (const question of fact.questions) {
      checked++;
      const answer = engine.ask(question);
      const lead = answer.answered ? answer.citations[0]?.factId : undefined;
      if (lead !== fact.id)
        failures.push({ factId: fact.id, question, got: lead ?? `no answer (${answer.kind})` });
    }
  }
  return { checked, failures };
}

/**
 * Keywords that find nothing: every word a stop word or filler ("headline", "at all"). They read
 * as if they helped, so the check names them.
 */
export function deadKeywords(kb: KnowledgeBase): { factId: string; keyword: string }[] {
  const analyzer = createAnalyzer(kb);
  return kb.facts.flatMap((f) =>
    f.keywords
      .filter((k) => analyzer.canonicalWords(k).every((w) => analyzer.term(w) === null))
      .map((keyword) => ({ factId: f.id, keyword })),
  );
}
