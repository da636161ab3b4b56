import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Answer } from '../../core/answer.js';
import { formatDate } from '../../core/dates.js';
import { truncate } from '../../core/text.js';

/**
 * Answer -> Block Kit. The one place Slack markup is produced: everything that came from a user or
 * the knowledge base is escaped here, and every message is cut to fit Slack's limits.
 */

export type Block = types.KnownBlock;
export type SlackMessage = { text: string; blocks: Block[] };

export const SLACK_LIMITS = {
  sectionText: 3000,
  blocks: 50,
  // Slack rejects messages whose blocks total about 13k characters (msg_blocks_too_long) without
  // documenting how it counts; measuring the serialised JSON against 12k stays safely inside it.
  totalChars: 12_000,
  buttonValue: 2000,
  buttonText: 75,
  actionId: 255,
  headerText: 150,
  actionsElements: 25,
} as const;

export const ACTION = {
  share: 'partnership_share',
  /** Followed by the button's index: action ids must be unique within a message. */
  topicPrefix: 'partnership_topic_',
  helpful: 'partnership_feedback_helpful',
  notHelpful: 'partnership_feedback_not_helpful',
} as const;

/** What a button needs to produce an answer again: the command and its arguments. */
export type RunSpec = { command: string; args: Record<string, string | undefined> };

/** What a feedback button logs: which command answered, on which topic, with which kind of answer. */
export type Feedback = { command: string; kind: Answer['kind']; topic: string | null };

export type RenderOptions = {
  /** Carried by the share button (feedback buttons name its command); null: no such buttons. */
  rerun: RunSpec | null;
  /** Private answers get a "Share in channel" button. */
  shareable: boolean;
  /** Who made this answer public ("Shared by", "Asked by"). */
  attribution?: { verb: string; userId: string };
  /** How a topic button runs its topic: the command offering the topics as choices. */
  topicRun?: (topicId: string) => RunSpec | null;
};

const MAX_QUESTION_SHOWN = 300;
const MAX_SUGGESTION_BUTTONS = 12;
const MAX_CITATION_LINE = 600;
const FALLBACK_TEXT = 300;

/** Escapes text for mrkdwn and for top-level `text`, so `<!channel>` or `<@U123>` stays text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack sends message text with &, < and > encoded, and real mentions as <@U123> markup. Decode
 * the entities so the engine sees what the user typed; the renderer encodes them again.
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair; adds "…" when cut. */

/** Cuts already-escaped text without leaving half an entity ("&am") behind. */
function truncateEscaped(text: string, max: number): string {
  let cut = truncate(text, max);
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && !cut.slice(amp).includes(';')) cut = `${cut.slice(0, amp)}…`;
  return cut;
}

/** Joins escaped lines into texts of at most `max` characters, splitting overlong lines. */
function pack(lines: string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current) out.push(current);
    current = '';
  };
  for (const line of lines) {
    let rest = line;
    while (rest.length > max) {
      flush();
      const piece = truncateEscaped(rest, max + 1).replace(/…$/, '');
      // Always make progress, even if the cut backed off a whole entity.
      const taken = piece.length > 0 ? piece : rest.slice(0, max);
      out.push(taken);
      rest = rest.slice(taken.length);
    }
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= max) current = `${current}\n${rest}`;
    else {
      flush();
      current = rest;
    }
  }
  flush();
  return out;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
/** Serialised size, which is what the total-size budget is measured in. */
const size = (value: unknown) => JSON.stringify(value).length;

function button(text: string, actionId: string, value: string, style?: 'primary'): types.Button {
  return {
    type: 'button',
    text: plain(truncate(text, SLACK_LIMITS.buttonText)),
    action_id: truncate(actionId, SLACK_LIMITS.actionId),
    value,
    ...(style ? { style } : {}),
  };
}

/** The largest n in 0..max for which `fits(n)` holds (fits must be monotonic); 0 when none does. */
function largestFitting(max: number, fits: (n: number) => boolean): number {
  if (fits(max)) return max;
  let lo = 0;
  let hi = max - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first `n` UTF-16 units of `text`, one fewer rather than half a surrogate pair. */
function prefix(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/**
 * A button value carrying a RunSpec: at most 2000 characters and accepted by `fits` (how much room
 * the message has left). When it does not fit, the longest argument is shortened to the longest
 * prefix whose *encoded* value fits (JSON escaping makes a character cost up to 6), then the next.
 */
export function encodeRunSpec(spec: RunSpec, fits: (value: string) => boolean = () => true): string {
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.args)) if (v !== undefined) args[k] = v;
  const encode = () => runSpecValue({ command: spec.command, args });
  const ok = (value: string) => value.length <= SLACK_LIMITS.buttonValue && fits(value);
  const keys = Object.keys(args).sort((x, y) => (args[y]?.length ?? 0) - (args[x]?.length ?? 0));
  for (const key of keys) {
    if (ok(encode())) break;
    const arg = args[key] ?? '';
    const n = largestFitting(arg.length, (k) => {
      args[key] = prefix(arg, k);
      return ok(encode());
    });
    args[key] = prefix(arg, n);
  }
  return encode();
}

/** A RunSpec as a button value, whole (it may be over the 2000-character limit). */
const runSpecValue = (spec: RunSpec) => JSON.stringify({ c: spec.command, a: spec.args });

const RunSpecValue = z.object({ c: z.string().max(100), a: z.record(z.string(), z.string()) });

/** The RunSpec in a button value, or null when the value is not one of ours. */
export function decodeRunSpec(value: string | undefined): RunSpec | null {
  if (!value) return null;
  try {
    const parsed = RunSpecValue.safeParse(JSON.parse(value));
    return parsed.success ? { command: parsed.data.c, args: parsed.data.a } : null;
  } catch {
    return null;
  }
}

/** A feedback button's value: short whatever the question, so it never crowds out the answer. */
export function encodeFeedback(feedback: Feedback): string {
  // Command names and topic ids are short slugs; the cuts only bound what a bug could put here.
  return JSON.stringify({
    c: truncate(feedback.command, 32),
    k: feedback.kind,
    t: feedback.topic === null ? null : truncate(feedback.topic, 40),
  });
}

const FeedbackValue = z.object({
  c: z.string().max(100),
  k: z.enum(['answer', 'abstain', 'info', 'error']),
  t: z.string().max(100).nullable(),
});

/** The Feedback in a button value, or null when the value is not one of ours. */
export function decodeFeedback(value: string | undefined): Feedback | null {
  if (!value) return null;
  try {
    const parsed = FeedbackValue.safeParse(JSON.parse(value));
    return parsed.success ? { command: parsed.data.c, kind: parsed.data.k, topic: parsed.data.t } : null;
  } catch {
    return null;
  }
}

function citationLine(c: Answer['citations'][number]): string {
  const parts = [`"${c.title}"`];
  if (c.publishers.length) parts.push(c.publishers.join(', '));
  if (c.date) parts.push(formatDate(c.date));
  if (c.section) parts.push(`section "${c.section}"`);
  return `*[${c.n}]* ${truncateEscaped(escapeMrkdwn(parts.join(', ')), MAX_CITATION_LINE)}`;
}

const textBlocks = (text: string) =>
  pack(escapeMrkdwn(text).split('\n'), SLACK_LIMITS.sectionText).map(section);
const sourceBlocks = (lines: string[], shown: number) => {
  if (lines.length === 0) return [];
  const out = ['*Sources*', ...lines.slice(0, shown)];
  if (shown < lines.length) out.push(`_…and ${lines.length - shown} more not shown._`);
  return pack(out, SLACK_LIMITS.sectionText).map(section);
};

/** Text sections for the longest prefix of `text` that serialises within `budget`. */
function fitText(text: string, budget: number): Block[] {
  const n = largestFitting(text.length, (k) => size(textBlocks(truncate(text, k))) <= budget);
  return n > 0 ? textBlocks(truncate(text, n)) : [];
}

/** Sources sections: as many whole citation lines as fit, then how many were left out. */
function fitCitations(lines: string[], budget: number): Block[] {
  const n = largestFitting(lines.length, (k) => size(sourceBlocks(lines, k)) <= budget);
  return n > 0 ? sourceBlocks(lines, n) : [];
}

/** The text, then the sources, within `budget`: the smaller part keeps all it needs, the larger at least half. */
function fitBody(text: string, citationLines: string[], budget: number): Block[] {
  const textSize = size(textBlocks(text));
  const citeSize = size(sourceBlocks(citationLines, citationLines.length));
  let textBudget = budget;
  if (textSize + citeSize > budget) {
    const half = Math.floor(budget / 2);
    textBudget = textSize <= half ? textSize : citeSize <= half ? budget - citeSize : half;
  }
  const body = fitText(text, textBudget);
  body.push(...fitCitations(citationLines, budget - size(body)));
  return body;
}

/**
 * The whole reply to one command: text, sources, knowledge date, buttons. Always within limits.
 * Room is handed out in order of what the reader needs: the heading and question (both short), then
 * the text and its sources, then the topic buttons, and last the question the Share button carries.
 */
export function renderAnswer(answer: Answer, options: RenderOptions): SlackMessage {
  const head: Block[] = [];
  if (answer.title)
    head.push({ type: 'header', text: plain(truncate(answer.title, SLACK_LIMITS.headerText)) });
  const context: string[] = [];
  if (options.attribution) {
    const { verb, userId } = options.attribution;
    // Only a well-formed user id becomes a mention; anything else stays escaped text.
    const who = /^[UW][A-Z0-9]{1,20}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(truncate(userId, 40));
    context.push(`${escapeMrkdwn(verb)} ${who}`);
  }
  if (answer.question)
    context.push(`*Q:* ${truncateEscaped(escapeMrkdwn(answer.question), MAX_QUESTION_SHOWN)}`);
  if (context.length) head.push({ type: 'context', elements: context.map(mrkdwn) });

  const dated = answer.kind === 'answer' || answer.kind === 'abstain';
  const asOf: Block[] = dated
    ? [{ type: 'context', elements: [mrkdwn(`Knowledge as of ${escapeMrkdwn(formatDate(answer.asOf))}.`)] }]
    : [];

  const rerun = options.rerun && answer.kind !== 'error' ? options.rerun : null;
  const feedback =
    rerun && dated
      ? encodeFeedback({ command: rerun.command, kind: answer.kind, topic: answer.topic })
      : null;
  const controls = (shareValue: string | null): Block[] => {
    const elements: types.Button[] = [];
    if (shareValue !== null) elements.push(button('Share in channel', ACTION.share, shareValue, 'primary'));
    if (feedback !== null)
      elements.push(
        button('👍 Helpful', ACTION.helpful, feedback),
        button('👎 Not helpful', ACTION.notHelpful, feedback),
      );
    return elements.length ? [{ type: 'actions', elements }] : [];
  };
  // The Share button at its smallest (arguments emptied) until the text has had its room.
  const shareAtLeast = rerun && options.shareable ? encodeRunSpec(rerun, () => false) : null;

  const fixed = size([...head, ...asOf, ...controls(shareAtLeast)]);
  const body = fitBody(answer.text, answer.citations.map(citationLine), SLACK_LIMITS.totalChars - fixed);

  const topicButtons = options.topicRun
    ? answer.suggestions.slice(0, MAX_SUGGESTION_BUTTONS).flatMap((s, i) => {
        const spec = options.topicRun?.(s.topic);
        // A cut topic would answer another topic: a value too long for a button drops the button.
        const value = spec && runSpecValue(spec);
        return value && value.length <= SLACK_LIMITS.buttonValue
          ? [button(s.label, `${ACTION.topicPrefix}${i}`, value)]
          : [];
      })
    : [];
  // Never reached in practice (sections are packed up to 3000 characters), but 50 is a hard limit.
  const room = SLACK_LIMITS.blocks - head.length - asOf.length - 2;
  const layout = (topics: types.Button[], shareValue: string | null): Block[] => [
    ...head,
    ...body.slice(0, room),
    ...asOf,
    ...(topics.length ? [{ type: 'actions' as const, elements: topics }] : []),
    ...controls(shareValue),
  ];
  const shownTopics = largestFitting(
    topicButtons.length,
    (k) => size(layout(topicButtons.slice(0, k), shareAtLeast)) <= SLACK_LIMITS.totalChars,
  );
  const topics = topicButtons.slice(0, shownTopics);

  // Whatever is left goes to the question the Share button carries, measured as it will be sent.
  let shareValue = shareAtLeast;
  if (rerun && shareAtLeast !== null) {
    const base = size(layout(topics, shareAtLeast)) - size([shareAtLeast]);
    shareValue = encodeRunSpec(rerun, (value) => base + size([value]) <= SLACK_LIMITS.totalChars);
  }
  const blocks = layout(topics, shareValue);
  // Slack rejects a message with neither blocks nor text; an empty answer still says so.
  if (blocks.length === 0) blocks.push(section('Nothing to show.'));

  const summary = answer.title ? `${answer.title}: ${answer.text}` : answer.text;
  return {
    text: truncateEscaped(escapeMrkdwn(summary.replace(/\s+/g, ' ')), FALLBACK_TEXT) || 'Nothing to show.',
    blocks,
  };
}

/** A short message (an apology, a UserError, a thank-you): escaped, one section. */
export function renderNotice(text: string): SlackMessage {
  const escaped = truncateEscaped(escapeMrkdwn(text), SLACK_LIMITS.sectionText);
  return { text: truncateEscaped(escaped, FALLBACK_TEXT), blocks: [section(escaped)] };
}
