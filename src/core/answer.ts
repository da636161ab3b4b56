/**
 * The one type every command returns and every adapter renders. It is plain data: no markup,
 * no platform types, so each adapter escapes and lays it out for its own platform.
 */
export type Citation = {
  /** The number shown as [n] in the text. */
  n: number;
  factId: string;
  sourceId: string;
  title: string;
  publishers: string[];
  /** ISO date of the source's publication, e.g. "2026-04-27". */
  date: string;
  section: string;
};

export type Suggestion = {
  /** Topic id, usable as `/topic <id>`. */
  topic: string;
  label: string;
};

export type AnswerKind =
  /** A cited answer to a question, or a topic or timeline listing. */
  | 'answer'
  /** The sources do not cover the question: `text` says so, `suggestions` offers topics. */
  | 'abstain'
  /** Help or sources: informative text that needs no per-claim citations. */
  | 'info'
  /** The input itself was unusable (empty, unknown topic...): a short message for the user. */
  | 'error';

export type Answer = {
  kind: AnswerKind;
  /** True only for `answer`: the reply carries cited claims. */
  answered: boolean;
  /** Short heading such as "Topic: Licensing"; adapters may show it bold. */
  title: string | null;
  /** The question as the user asked it (normalised), when there was one. */
  question: string | null;
  /** Plain text. Lines are separated by "\n"; list items start with "• ". Claims carry [n]. */
  text: string;
  citations: Citation[];
  /** The topic of the leading fact, when the answer has one. */
  topic: string | null;
  suggestions: Suggestion[];
  /** ISO date the knowledge base is current as of. */
  asOf: string;
};

/** An Answer with nothing but what is given: no citations, no suggestions unless passed. */
export function makeAnswer(
  kind: AnswerKind,
  text: string,
  asOf: string,
  extra: Partial<Answer> = {},
): Answer {
  return {
    kind,
    answered: kind === 'answer',
    title: null,
    question: null,
    text,
    citations: [],
    topic: null,
    suggestions: [],
    asOf,
    ...extra,
  };
}
