import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Answer } from '../../core/answer.js';
import { formatDate } from '../../core/dates.js';

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

export type RenderOptions = {
  /** Carried by the share and feedback buttons; null: no such buttons. */
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
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? '…' : '';
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

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
const size = (blocks: Block[]) => JSON.stringify(blocks).length;

function button(text: string, actionId: string, value: string, style?: 'primary'): types.Button {
  return {
    type: 'button',
    text: plain(truncate(text, SLACK_LIMITS.buttonText)),
    action_id: truncate(actionId, SLACK_LIMITS.actionId),
    value,
    ...(style ? { style } : {}),
  };
}

/**
 * A button value carrying a RunSpec, at most 2000 characters: when the arguments are too long, the
 * longest one is shortened (never mid-character) until the whole value fits.
 */
export function encodeRunSpec(spec: RunSpec): string {
  const args: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.args)) if (v !== undefined) args[k] = v;
  const encode = () => JSON.stringify({ c: spec.command, a: args });
  let value = encode();
  while (value.length > SLACK_LIMITS.buttonValue) {
    const longest = Object.entries(args).sort((x, y) => y[1].length - x[1].length)[0];
    if (!longest || longest[1].length === 0) return JSON.stringify({ c: spec.command, a: {} });
    const [key, arg] = longest;
    const excess = value.length - SLACK_LIMITS.buttonValue;
    // JSON escaping can double a character's size, so cut by at least the excess.
    args[key] = truncate(arg, Math.max(0, arg.length - Math.max(excess, 1))).replace(/…$/, '');
    value = encode();
  }
  return value;
}

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

function citationLine(c: Answer['citations'][number]): string {
  const parts = [`"${c.title}"`];
  if (c.publishers.length) parts.push(c.publishers.join(', '));
  if (c.date) parts.push(formatDate(c.date));
  if (c.section) parts.push(`section "${c.section}"`);
  return `*[${c.n}]* ${truncateEscaped(escapeMrkdwn(parts.join(', ')), MAX_CITATION_LINE)}`;
}

/** Text sections for `text`, cut to the largest prefix whose blocks serialise within `budget`. */
function fitText(text: string, budget: number): Block[] {
  const build = (raw: string) => pack(escapeMrkdwn(raw).split('\n'), SLACK_LIMITS.sectionText).map(section);
  const full = build(text);
  if (size(full) <= budget) return full;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(build(truncate(text, mid))) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? build(truncate(text, lo)) : [];
}

/** Sources sections: as many whole citation lines as fit, then how many were left out. */
function fitCitations(lines: string[], budget: number): Block[] {
  if (lines.length === 0) return [];
  const build = (k: number) => {
    const shown = ['*Sources*', ...lines.slice(0, k)];
    if (k < lines.length) shown.push(`_…and ${lines.length - k} more not shown._`);
    return pack(shown, SLACK_LIMITS.sectionText).map(section);
  };
  const full = build(lines.length);
  if (size(full) <= budget) return full;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(build(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? build(lo) : [];
}

/** The whole reply to one command: text, sources, knowledge date, buttons. Always within limits. */
export function renderAnswer(answer: Answer, options: RenderOptions): SlackMessage {
  const head: Block[] = [];
  const tail: Block[] = [];
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

  if (answer.kind === 'answer' || answer.kind === 'abstain')
    tail.push({
      type: 'context',
      elements: [mrkdwn(`Knowledge as of ${escapeMrkdwn(formatDate(answer.asOf))}.`)],
    });
  const topicButtons = options.topicRun
    ? answer.suggestions.slice(0, MAX_SUGGESTION_BUTTONS).flatMap((s, i) => {
        const spec = options.topicRun?.(s.topic);
        return spec ? [button(s.label, `${ACTION.topicPrefix}${i}`, encodeRunSpec(spec))] : [];
      })
    : [];
  if (topicButtons.length) tail.push({ type: 'actions', elements: topicButtons });
  const controls: types.Button[] = [];
  if (options.rerun && answer.kind !== 'error') {
    const value = encodeRunSpec(options.rerun);
    if (options.shareable) controls.push(button('Share in channel', ACTION.share, value, 'primary'));
    if (answer.kind === 'answer' || answer.kind === 'abstain')
      controls.push(
        button('👍 Helpful', ACTION.helpful, value),
        button('👎 Not helpful', ACTION.notHelpful, value),
      );
  }
  if (controls.length) tail.push({ type: 'actions', elements: controls });

  // What is left for the text and the sources, in serialised characters and in blocks.
  const budget = SLACK_LIMITS.totalChars - size([...head, ...tail]) - 2;
  const citationLines = answer.citations.map(citationLine);
  const textSize = size(fitText(answer.text, Number.POSITIVE_INFINITY));
  const citeSize = size(fitCitations(citationLines, Number.POSITIVE_INFINITY));
  let textBudget = budget;
  if (textSize + citeSize > budget) {
    // The smaller part keeps all it needs; the larger one gets the rest (at least half).
    const half = Math.floor(budget / 2);
    textBudget = textSize <= half ? textSize : citeSize <= half ? budget - citeSize : half;
  }
  const body = fitText(answer.text, textBudget);
  body.push(...fitCitations(citationLines, budget - size(body)));
  const room = SLACK_LIMITS.blocks - head.length - tail.length;
  const blocks = [...head, ...body.slice(0, room), ...tail];

  const summary = answer.title ? `${answer.title}: ${answer.text}` : answer.text;
  return { text: truncateEscaped(escapeMrkdwn(summary.replace(/\s+/g, ' ')), FALLBACK_TEXT), blocks };
}

/** A short message (an apology, a UserError, a thank-you): escaped, one section. */
export function renderNotice(text: string): SlackMessage {
  const escaped = truncateEscaped(escapeMrkdwn(text), SLACK_LIMITS.sectionText);
  return { text: truncateEscaped(escaped, FALLBACK_TEXT), blocks: [section(escaped)] };
}
