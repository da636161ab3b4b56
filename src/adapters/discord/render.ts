/**
 * The one Discord renderer: Answer -> embed + buttons, inside every Discord limit whatever the
 * question, with user text escaped for Discord markdown and no mention ever allowed to ping.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  type MessageMentionOptions,
  userMention,
} from 'discord.js';
import type { Answer, AnswerKind } from '../../core/answer.js';
import { formatDate } from '../../core/dates.js';
import { truncate } from '../../core/text.js';
import { encodeCustomId, type FeedbackRef } from './custom-id.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embedTotal: 6000,
  content: 2000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
} as const;

/** Sent with every message: echoed text (a question full of @everyone) must never ping anyone. */
export const NO_MENTIONS = { parse: [] } satisfies MessageMentionOptions;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export type DiscordReply = {
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowedMentions: MessageMentionOptions;
};

export type RenderOptions = {
  /** Offer the Share button (ephemeral replies only: a public one is already shared). */
  share: boolean;
};

const COLOURS: Record<AnswerKind, number> = {
  answer: 0x2b6cb0,
  abstain: 0xd69e2e,
  info: 0x718096,
  error: 0xc53030,
};

/** At most this many topic buttons: three rows, leaving room for the Share / feedback row. */
const MAX_TOPIC_BUTTONS = 15;
/** Description space the sources may never take, so the cited text always shows. */
const DESCRIPTION_RESERVE = 1000;

/**
 * Cuts `text` to at most `max` UTF-16 units (what Discord counts), ending in "…". Never splits a
 * surrogate pair, and never leaves a lone escaping backslash that would swallow the ellipsis.
 */
export function clip(text: string, max: number): string {
  const cut = truncate(text, max);
  // The cut may fall inside an escape ("\\*"): drop an orphaned backslash, and trailing space.
  return cut === text ? cut : cut.replace(/[\\\s]+…$/, '…');
}

/**
 * Plain text -> Discord markdown that shows exactly that text: a backslash before every character
 * that could start formatting, a masked link or a mention. Linear on purpose: discord.js's
 * escapeMarkdown is quadratic on long runs (160 ms for 8,000 characters).
 */
export function md(text: string): string {
  return (
    text
      .replace(/[\\*_~`|]/g, '\\$&')
      // Mentions, channels, emoji, timestamps and slash-command links, not "<question>".
      .replace(/<(?=[@#:!&/]|[at]:|id:)/g, '\\<')
      // "[text](url)" is a masked link; "[1]" citation markers stay as they are.
      .replace(/\]\(/g, ']\\(')
      .replace(/^(\s*)([>#-])/gm, '$1\\$2')
      .replace(/^(\s*\d+)\./gm, '$1\\.')
  );
}

function sourceLines(answer: Answer): string[] {
  return answer.citations.map((c) => {
    const where = [c.publishers.join(', '), formatDate(c.date), c.section ? `section "${c.section}"` : '']
      .filter(Boolean)
      .join(' · ');
    return clip(`**[${c.n}]** ${md(c.title)}${where ? ` — ${md(where)}` : ''}`, LIMITS.fieldValue);
  });
}

/** Packs source lines into fields of at most 1024 characters, within `budget` characters in all. */
function sourceFields(lines: string[], budget: number): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let used = 0;
  let dropped = 0;
  for (const [i, line] of lines.entries()) {
    const current = fields.at(-1);
    const joined = current ? `${current.value}\n${line}` : undefined;
    const name = fields.length === 0 ? 'Sources' : 'Sources (continued)';
    // Keep room for the "…and N more" note should a later line not fit.
    const reserve = i < lines.length - 1 ? 40 : 0;
    if (
      current &&
      joined &&
      joined.length <= LIMITS.fieldValue &&
      used + line.length + 1 + reserve <= budget
    ) {
      current.value = joined;
      used += line.length + 1;
    } else if (fields.length < LIMITS.fields - 1 && used + name.length + line.length + reserve <= budget) {
      fields.push({ name, value: line });
      used += name.length + line.length;
    } else {
      dropped = lines.length - i;
      break;
    }
  }
  if (dropped > 0) {
    const note = `…and ${dropped} more`;
    const last = fields.at(-1);
    if (last && last.value.length + note.length + 1 <= LIMITS.fieldValue) last.value += `\n${note}`;
    else fields.push({ name: 'More sources', value: note });
  }
  return fields;
}

export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function renderEmbed(answer: Answer): APIEmbed {
  const embed: APIEmbed = { color: COLOURS[answer.kind] };
  const heading = answer.title ?? answer.question;
  if (heading?.trim()) embed.title = clip(md(heading.replace(/\s+/g, ' ').trim()), LIMITS.title);
  if (answer.kind !== 'error') embed.footer = { text: `Knowledge as of ${formatDate(answer.asOf)}` };

  const fixed = (embed.title?.length ?? 0) + (embed.footer?.text.length ?? 0);
  const fields = sourceFields(sourceLines(answer), LIMITS.embedTotal - fixed - DESCRIPTION_RESERVE);
  if (fields.length) embed.fields = fields;

  const room = Math.min(LIMITS.description, LIMITS.embedTotal - embedLength(embed));
  const description = clip(md(answer.text.trim()), room);
  // Discord rejects an embed with nothing in it.
  if (description || !embed.title) embed.description = description || 'Nothing to show.';
  return embed;
}

export function feedbackRef(answer: Answer): FeedbackRef {
  return { kind: answer.kind, topic: answer.topic };
}

function button(
  customId: string,
  label: string,
  style: APIButtonComponentWithCustomId['style'],
  emoji?: string,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: clip(label, LIMITS.buttonLabel),
    style,
    ...(emoji ? { emoji: { name: emoji } } : {}),
  };
}

function rows(buttons: APIButtonComponentWithCustomId[]): ButtonRow[] {
  const out: ButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow)
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  return out;
}

/** Helpful / not helpful, on every answer (also on shared copies). */
export function feedbackButtons(ref: FeedbackRef): APIButtonComponentWithCustomId[] {
  return [
    button(
      encodeCustomId({ action: 'feedback', helpful: true, ref }),
      'Helpful',
      ButtonStyle.Secondary,
      '👍',
    ),
    button(
      encodeCustomId({ action: 'feedback', helpful: false, ref }),
      'Not helpful',
      ButtonStyle.Secondary,
      '👎',
    ),
  ];
}

export function renderComponents(answer: Answer, options: RenderOptions): ButtonRow[] {
  const topics = new Map<string, string>();
  for (const s of answer.suggestions) {
    const id = encodeCustomId({ action: 'topic', topic: s.topic });
    if (id.length <= LIMITS.customId && !topics.has(id) && topics.size < MAX_TOPIC_BUTTONS)
      topics.set(id, s.label || s.topic);
  }
  const out = rows([...topics].map(([id, label]) => button(id, label, ButtonStyle.Secondary)));
  if (answer.kind === 'error') return out;
  const ref = feedbackRef(answer);
  const actions = feedbackButtons(ref);
  if (options.share && answer.kind !== 'abstain')
    actions.unshift(button(encodeCustomId({ action: 'share', ref }), 'Share', ButtonStyle.Primary, '📣'));
  out.push({ type: ComponentType.ActionRow, components: actions });
  return out;
}

/** Answer -> what discord.js sends: one embed, buttons, no mentions. */
export function renderAnswer(answer: Answer, options: RenderOptions): DiscordReply {
  return {
    embeds: [renderEmbed(answer)],
    components: renderComponents(answer, options),
    allowedMentions: NO_MENTIONS,
  };
}

/** A shared copy of an answer: the same embeds, public, saying who shared it (without pinging them). */
export function renderShared(
  embeds: APIEmbed[],
  ref: FeedbackRef,
  sharedBy: string,
): DiscordReply & { content: string } {
  return {
    content: `Shared by ${userMention(sharedBy)}`,
    embeds,
    components: rows(feedbackButtons(ref)),
    allowedMentions: NO_MENTIONS,
  };
}

/** A short text reply (apologies, acknowledgements), clipped to the content limit. */
export function renderNotice(text: string): { content: string; allowedMentions: MessageMentionOptions } {
  return { content: clip(text, LIMITS.content), allowedMentions: NO_MENTIONS };
}
