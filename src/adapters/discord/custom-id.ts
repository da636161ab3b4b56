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
/** Topic ids are short slugs; a longer one is cut in feedback refs so those ids always fit. */
const MAX_TOPIC = 60;
const SEP = '|';

/**
 * Free text inside an id is percent-escaped ("%" and the separator only), so a topic holding "|"
 * still splits and round-trips. Slugs, the usual case, come out unchanged.
 */
const ESCAPES = { '%': '%25', [SEP]: '%7C' } as Record<string, string>;
const UNESCAPES = Object.fromEntries(Object.entries(ESCAPES).map(([char, code]) => [code, char]));
const escapeChar = (char: string) => (Object.hasOwn(ESCAPES, char) ? (ESCAPES[char] ?? char) : char);
const escapeText = (text: string) => Array.from(text, escapeChar).join('');
/** The text, or undefined when a "%" starts no escape this module makes. */
function unescapeText(text: string): string | undefined {
  if (!/^(?:[^%]|%25|%7C)*$/.test(text)) return undefined;
  return text.replace(/%25|%7C/g, (code) => UNESCAPES[code] ?? code);
}

/** The escaped topic cut to MAX_TOPIC characters without splitting an escape or a surrogate pair. */
function escapedPrefix(topic: string): string {
  let out = '';
  for (const char of topic) {
    const next = escapeChar(char);
    if (out.length + next.length > MAX_TOPIC) break;
    out += next;
  }
  return out;
}

const ref = (r: FeedbackRef) => `${KIND_CODES[r.kind]}${SEP}${escapedPrefix(r.topic ?? '')}`;

/**
 * The custom_id for an action. Share and feedback ids always fit Discord's 100 characters; a topic id
 * holds the whole topic, so for a topic longer than about 90 characters it does not, and the caller
 * must leave that button out.
 */
export function encodeCustomId(a: ButtonAction): string {
  switch (a.action) {
    case 'share':
      return `share${SEP}${ref(a.ref)}`;
    case 'topic':
      return `topic${SEP}${escapeText(a.topic)}`;
    case 'feedback':
      return `fb${SEP}${a.helpful ? 'y' : 'n'}${SEP}${ref(a.ref)}`;
  }
}

function parseRef(kindCode: string | undefined, topicPart: string | undefined): FeedbackRef | undefined {
  // Own keys only: `in` would accept "constructor" or "toString".
  const kind = kindCode && Object.hasOwn(KINDS, kindCode) ? KINDS[kindCode as keyof typeof KINDS] : undefined;
  const topic = topicPart === undefined ? undefined : unescapeText(topicPart);
  if (!kind || topic === undefined) return undefined;
  return { kind, topic: topic ? topic : null };
}

/** The action a custom_id names, or undefined for ids this bot never made (or an older version made). */
export function decodeCustomId(id: string): ButtonAction | undefined {
  const [action, ...rest] = id.split(SEP);
  if (action === 'topic' && rest.length === 1 && rest[0]) {
    const topic = unescapeText(rest[0]);
    return topic ? { action, topic } : undefined;
  }
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
