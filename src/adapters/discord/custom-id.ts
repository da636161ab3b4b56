/**
 * Button custom_ids: Discord allows 100 characters, so a button carries only a compact reference,
 * never the question. Share re-posts the embed of the message the button sits on, which works
 * whatever the length of the question.
 */
import type { AnswerKind } from '../../core/answer.js';

/** What a feedback log line needs to find the answer again. */
export type FeedbackRef = { kind: AnswerKind; topic: string | null };

export type ButtonAction =
  | { action: 'share'; ref: FeedbackRef }
  | { action: 'topic'; topic: string }
  | { action: 'feedback'; helpful: boolean; ref: FeedbackRef };

const KINDS = { a: 'answer', b: 'abstain', i: 'info', e: 'error' } as const satisfies Record<
  string,
  AnswerKind
>;
const KIND_CODES = Object.fromEntries(Object.entries(KINDS).map(([code, kind]) => [kind, code])) as Record<
  AnswerKind,
  string
>;
/** Topic ids are short slugs; anything longer is cut so an id always fits. */
const MAX_TOPIC = 60;
const SEP = '|';

const ref = (r: FeedbackRef) => `${KIND_CODES[r.kind]}${SEP}${(r.topic ?? '').slice(0, MAX_TOPIC)}`;

export function encodeCustomId(a: ButtonAction): string {
  switch (a.action) {
    case 'share':
      return `share${SEP}${ref(a.ref)}`;
    case 'topic':
      return `topic${SEP}${a.topic}`;
    case 'feedback':
      return `fb${SEP}${a.helpful ? 'y' : 'n'}${SEP}${ref(a.ref)}`;
  }
}

function parseRef(kindCode: string | undefined, topic: string | undefined): FeedbackRef | undefined {
  const kind = kindCode && kindCode in KINDS ? KINDS[kindCode as keyof typeof KINDS] : undefined;
  if (!kind) return undefined;
  return { kind, topic: topic ? topic : null };
}

/** The action a custom_id names, or undefined for ids this bot never made (or an older version made). */
export function decodeCustomId(id: string): ButtonAction | undefined {
  const [action, ...rest] = id.split(SEP);
  if (action === 'topic' && rest.length === 1 && rest[0]) return { action, topic: rest[0] };
  if (action === 'share' && rest.length === 2) {
    const r = parseRef(rest[0], rest[1]);
    return r && { action, ref: r };
  }
  if (action === 'fb' && rest.length === 3 && (rest[0] === 'y' || rest[0] === 'n')) {
    const r = parseRef(rest[1], rest[2]);
    return r && { action: 'feedback', helpful: rest[0] === 'y', ref: r };
  }
  return undefined;
}
