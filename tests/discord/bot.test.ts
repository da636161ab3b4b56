/**
 * The real discord.js Client against the fake Discord on 127.0.0.1: every assertion is on what
 * the fake received from the bot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { RunningAdapter } from '../../src/adapters/adapter.js';
import { startDiscord } from '../../src/adapters/discord/client.js';
import { MESSAGE_COMMAND_NAME } from '../../src/adapters/discord/command-data.js';
import { APOLOGY } from '../../src/adapters/discord/interactions.js';
import { LIMITS } from '../../src/adapters/discord/render.js';
import { realEngine } from '../helpers.js';
import { createCaptureLogger } from './capture-logger.js';
import {
  autocomplete,
  buttonClick,
  chatInput,
  type FakeDiscord,
  messageCommand,
  type RawInteraction,
  rawMessage,
  snowflakeAt,
  startFakeDiscord,
  USER,
} from './fake-discord.js';

const TOKEN = 'MTQwMDAwMDAwMDAwMDAwMDAwMQ.fake.token-for-tests';
const engine = realEngine();

type Embed = {
  title?: string;
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
};
type Button = { type: number; custom_id: string; label: string; style: number };
type CallbackBody = {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    embeds?: Embed[];
    components?: { type: number; components: Button[] }[];
    allowed_mentions?: { parse: string[] };
    choices?: { name: string; value: string }[];
  };
};

const EPHEMERAL = 64;

let fake: FakeDiscord;
let bot: RunningAdapter;
const capture = createCaptureLogger();
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  fake = await startFakeDiscord();
  bot = await startDiscord(
    { token: TOKEN, apiUrl: fake.apiUrl, applicationId: fake.applicationId, guildId: undefined },
    { engine, commands, logger: capture.logger },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  process.off('unhandledRejection', onRejection);
});

const callbackPath = (raw: RawInteraction) => `/api/v10/interactions/${raw.id}/${raw.token}/callback`;
const callbacks = (raw: RawInteraction) =>
  fake.requests.filter((r) => r.method === 'POST' && r.path === callbackPath(raw));

/** Dispatches the interaction and returns the body of the bot's nth callback for it. */
async function interact(raw: RawInteraction, nth = 1): Promise<CallbackBody> {
  fake.dispatch('INTERACTION_CREATE', raw);
  await fake.waitForRequest(() => callbacks(raw).length >= nth);
  return callbacks(raw)[nth - 1]?.body as CallbackBody;
}

const buttons = (body: CallbackBody) => (body.data?.components ?? []).flatMap((row) => row.components);
const embedOf = (body: CallbackBody): Embed => {
  const embed = body.data?.embeds?.[0];
  if (!embed) throw new Error(`no embed in ${JSON.stringify(body)}`);
  return embed;
};
const sourcesText = (embed: Embed) => (embed.fields ?? []).map((f) => f.value).join('\n');

/** The bot's own ephemeral message, as Discord echoes it inside a button interaction. */
const botMessage = (body: CallbackBody) =>
  rawMessage({
    author: {
      id: fake.applicationId,
      username: 'partnership-bot',
      discriminator: '0',
      avatar: null,
      bot: true,
    },
    embeds: body.data?.embeds ?? [],
    components: body.data?.components ?? [],
    flags: body.data?.flags ?? 0,
  });

describe('discord bot against the fake Discord', () => {
  it('logs in through /gateway/bot and IDENTIFY, reaching READY', () => {
    const gatewayBot = fake.requests.find((r) => r.path === '/api/v10/gateway/bot');
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(fake.identifies).toEqual([{ shard: [0, 1], token: TOKEN, intents: 1 }]);
  });

  it('answers /partnership ask with an ephemeral embed holding the answer and its citations', async () => {
    const question = 'When does the IP licence end?';
    const expected = engine.ask(question);
    expect(expected.citations.length).toBeGreaterThan(0);
    const raw = chatInput(fake.applicationId, 'ask', { question });
    const body = await interact(raw);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    const embed = embedOf(body);
    expect(embed.title).toBe(question);
    // The claim text (Discord-escaped) and every [n] with its source's title.
    expect(embed.description?.replace(/\\/g, '')).toBe(expected.text);
    for (const c of expected.citations) {
      expect(embed.description).toContain(`[${c.n}]`);
      expect(sourcesText(embed)).toContain(`**[${c.n}]** ${c.title}`);
    }
    expect(embed.footer?.text).toBe('Knowledge as of 28 April 2026');
    expect(buttons(body).map((b) => b.label)).toEqual(['Share', 'Helpful', 'Not helpful']);
    // Interaction callbacks are authorised by the token in the path, never the bot token.
    expect(callbacks(raw)[0]?.headers.authorization).toBeUndefined();
  });

  it('offers up to 25 autocomplete choices from the questions the knowledge base answers', async () => {
    const body = await interact(autocomplete(fake.applicationId, 'ask', 'question', 'revenue'));
    expect(body.type).toBe(8);
    const choices = body.data?.choices ?? [];
    expect(choices.map((c) => c.value)).toEqual(engine.suggestQuestions('revenue', 25));
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThanOrEqual(1);
      expect(c.name.length).toBeLessThanOrEqual(100);
    }
  });

  it('answers an autocomplete for a huge value with choices Discord accepts', async () => {
    const body = await interact(autocomplete(fake.applicationId, 'ask', 'question', 'revenue '.repeat(700)));
    expect(body.type).toBe(8);
    for (const c of body.data?.choices ?? []) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('runs every subcommand from commands/ through the same path', async () => {
    const topicBody = await interact(chatInput(fake.applicationId, 'topic', { name: 'licensing' }));
    expect(embedOf(topicBody).title).toBe(engine.topic('licensing').title);
    expect(sourcesText(embedOf(topicBody))).toContain(engine.topic('licensing').citations[0]?.title);

    const timeline = engine.timeline();
    const timelineBody = await interact(chatInput(fake.applicationId, 'timeline'));
    expect(embedOf(timelineBody).fields?.length).toBeGreaterThan(0);
    expect(sourcesText(embedOf(timelineBody)).match(/\*\*\[\d+\]\*\*/g)).toHaveLength(
      timeline.citations.length,
    );

    const help = await interact(chatInput(fake.applicationId, 'help'));
    expect(embedOf(help).description).toContain('/partnership ask question:<question>');
    expect(embedOf(help).description).toContain('/partnership topic name:<name>');

    const sources = await interact(chatInput(fake.applicationId, 'sources'));
    expect(embedOf(sources).description?.length).toBeGreaterThan(0);
  });

  it('answers a message from the context menu, publicly when it found an answer', async () => {
    const question = 'Does OpenAI still pay Microsoft a revenue share?';
    const expected = engine.ask(question);
    expect(expected.answered).toBe(true);
    const target = rawMessage({ content: question });
    const body = await interact(messageCommand(fake.applicationId, MESSAGE_COMMAND_NAME, target));
    expect(body.type).toBe(4);
    expect(body.data?.flags ?? 0).toBe(0);
    expect(embedOf(body).description?.replace(/\\/g, '')).toBe(expected.text);
    expect(buttons(body).map((b) => b.label)).toEqual(['Helpful', 'Not helpful']);
  });

  it('keeps a context-menu miss private and offers topic buttons', async () => {
    const target = rawMessage({ content: 'What is the weather on Mars today?' });
    const body = await interact(messageCommand(fake.applicationId, MESSAGE_COMMAND_NAME, target));
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(buttons(body).some((b) => b.custom_id.startsWith('topic|'))).toBe(true);
  });

  it('shares an answer in the channel, saying who shared it, from the Share button', async () => {
    const question = 'How long will OpenAI keep paying Microsoft?';
    const answer = await interact(chatInput(fake.applicationId, 'ask', { question }));
    const share = buttons(answer).find((b) => b.label === 'Share');
    expect(share).toBeDefined();
    const body = await interact(buttonClick(fake.applicationId, share?.custom_id ?? '', botMessage(answer)));
    expect(body.type).toBe(4);
    expect(body.data?.flags ?? 0).toBe(0);
    expect(body.data?.content).toBe(`Shared by <@${USER.id}>`);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(body).description).toBe(embedOf(answer).description);
    expect(embedOf(body).fields).toEqual(embedOf(answer).fields);
    expect(buttons(body).map((b) => b.label)).toEqual(['Helpful', 'Not helpful']);
  });

  it('shares the answer to a 1,000-character question, which no custom_id could hold', async () => {
    const question =
      `${'Please tell me, in as much detail as you can, '.repeat(20)}when does the IP licence end?`.slice(
        -1000,
      );
    const answer = await interact(chatInput(fake.applicationId, 'ask', { question }));
    for (const b of buttons(answer)) expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
    const share = buttons(answer).find((b) => b.label === 'Share');
    const body = await interact(buttonClick(fake.applicationId, share?.custom_id ?? '', botMessage(answer)));
    expect(embedOf(body).title).toBe(embedOf(answer).title);
    expect(embedOf(body).title?.length).toBeLessThanOrEqual(LIMITS.title);
  });

  it('answers a topic button from an abstention with that topic', async () => {
    const miss = await interact(
      chatInput(fake.applicationId, 'ask', { question: 'What is the weather on Mars?' }),
    );
    const expected = engine.ask('What is the weather on Mars?');
    expect(expected.kind).toBe('abstain');
    const topicButtons = buttons(miss).filter((b) => b.custom_id.startsWith('topic|'));
    expect(topicButtons.map((b) => b.label)).toEqual(expected.suggestions.map((s) => s.label));
    const first = topicButtons[0];
    const topicId = expected.suggestions[0]?.topic ?? '';
    const body = await interact(buttonClick(fake.applicationId, first?.custom_id ?? '', botMessage(miss)));
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(embedOf(body).title).toBe(engine.topic(topicId).title);
  });

  it('logs helpful / not helpful and acknowledges ephemerally', async () => {
    const answer = await interact(
      chatInput(fake.applicationId, 'ask', { question: 'When does the IP licence end?' }),
    );
    const notHelpful = buttons(answer).find((b) => b.label === 'Not helpful');
    const body = await interact(
      buttonClick(fake.applicationId, notHelpful?.custom_id ?? '', botMessage(answer)),
    );
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(body.data?.content).toMatch(/^Thanks/);
    expect(capture.lines).toContainEqual(
      expect.objectContaining({ event: 'feedback', helpful: false, kind: 'answer', topic: 'licensing' }),
    );
  });

  it('retries a 429 from Discord and still delivers the answer', async () => {
    fake.failNext({
      method: 'POST',
      path: /\/callback$/,
      status: 429,
      headers: { 'retry-after': '0.05' },
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
    });
    const raw = chatInput(fake.applicationId, 'ask', { question: 'When does the IP licence end?' });
    const body = await interact(raw, 2);
    const [limited, retried] = callbacks(raw);
    expect(callbacks(raw)).toHaveLength(2);
    // @discordjs/rest waited out retry-after (50 ms) before trying again.
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(45);
    expect(embedOf(body).description).toContain('[1]');
    // The 429 and the retry carry the same answer.
    expect(callbacks(raw)[0]?.body).toEqual(body);
  });

  it('sends no allowed mentions for a question full of @everyone and <@id>', async () => {
    const question =
      '@everyone @here <@1300000000000000099> <@&1300000000000000098> does OpenAI still pay Microsoft a revenue share? @everyone';
    const body = await interact(chatInput(fake.applicationId, 'ask', { question }));
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    // The public path too: the context menu on a message that pings everyone.
    const target = rawMessage({ content: question });
    const menu = await interact(messageCommand(fake.applicationId, MESSAGE_COMMAND_NAME, target));
    expect(menu.data?.flags ?? 0).toBe(0);
    expect(menu.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a huge question with a short message inside every limit', async () => {
    const body = await interact(chatInput(fake.applicationId, 'ask', { question: 'why '.repeat(2000) }));
    const embed = embedOf(body);
    expect(embed.description).toMatch(/too long/);
    expect(JSON.stringify(embed).length).toBeLessThan(LIMITS.embedTotal);
  });

  it('shows a user error for a subcommand it does not know', async () => {
    const body = await interact(chatInput(fake.applicationId, 'bogus', { x: 'y' }));
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(body.data?.content).toMatch(/don't know that command/);
  });

  it('shows a user error for a button it never made', async () => {
    const body = await interact(buttonClick(fake.applicationId, 'from-an-older-version', rawMessage({})));
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(body.data?.content).toMatch(/no longer works/);
  });

  it('survives a failed callback: logs it, apologises ephemerally, and answers the next one', async () => {
    const raw = chatInput(fake.applicationId, 'ask', { question: 'When does the IP licence end?' });
    fake.failNext({
      method: 'POST',
      path: new RegExp(`/interactions/${raw.id}/`),
      status: 400,
      body: { message: 'Invalid Form Body', code: 50035 },
    });
    const apology = await interact(raw, 2);
    expect(apology.data?.content).toBe(APOLOGY);
    expect(apology.data?.flags).toBe(EPHEMERAL);
    expect(capture.lines).toContainEqual(expect.objectContaining({ msg: 'discord: interaction failed' }));

    const next = await interact(chatInput(fake.applicationId, 'timeline'));
    expect(embedOf(next).fields?.length).toBeGreaterThan(0);
  });

  it('left no unhandled rejection behind', () => {
    expect(rejections).toEqual([]);
  });
});

describe('deferral', () => {
  const originalPath = (f: FakeDiscord, raw: RawInteraction) =>
    `/api/v10/webhooks/${f.applicationId}/${raw.token}/messages/@original`;

  /** The callback and the edit of @original the bot sent for `raw`, in the order they arrived. */
  async function deferred(f: FakeDiscord, raw: RawInteraction) {
    const edit = await f.waitForRequest((r) => r.method === 'PATCH' && r.path === originalPath(f, raw));
    const sent = f.requests.filter((r) => r.path === callbackPath(raw));
    expect(sent).toHaveLength(1);
    const callback = sent[0];
    expect(callback?.at).toBeLessThan(edit.at);
    return { callback: callback?.body, edit: edit.body as CallbackBody['data'] };
  }

  it('defers an interaction that arrives over 1 s old (by its snowflake), then edits @original', async () => {
    const raw = {
      ...chatInput(fake.applicationId, 'ask', { question: 'When does the IP licence end?' }),
      id: snowflakeAt(Date.now() - 1500),
    };
    fake.dispatch('INTERACTION_CREATE', raw);
    const { callback, edit } = await deferred(fake, raw);
    expect(callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(edit?.embeds?.[0]?.description).toContain('[1]');
    expect(edit?.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers a late Share publicly, so the shared answer lands in the channel', async () => {
    const answer = await interact(
      chatInput(fake.applicationId, 'ask', { question: 'When does the IP licence end?' }),
    );
    const share = buttons(answer).find((b) => b.label === 'Share');
    const raw = {
      ...buttonClick(fake.applicationId, share?.custom_id ?? '', botMessage(answer)),
      id: snowflakeAt(Date.now() - 2000),
    };
    fake.dispatch('INTERACTION_CREATE', raw);
    const { callback, edit } = await deferred(fake, raw);
    expect((callback as CallbackBody).type).toBe(5);
    expect((callback as CallbackBody).data?.flags ?? 0).toBe(0);
    expect(edit?.content).toBe(`Shared by <@${USER.id}>`);
  });

  it('defers when the event loop was backed up past deferAfterMs before the interaction was read', async () => {
    const slowFake = await startFakeDiscord();
    const slowBot = await startDiscord(
      { token: TOKEN, apiUrl: slowFake.apiUrl, applicationId: slowFake.applicationId, guildId: undefined },
      { engine, commands, logger: capture.logger },
      { deferAfterMs: 250 },
    );
    try {
      const raw = chatInput(slowFake.applicationId, 'ask', { question: 'When does the IP licence end?' });
      slowFake.dispatch('INTERACTION_CREATE', raw);
      // Bot and fake share this process: hold the event loop, as a burst of work would, so the bot
      // reads the interaction 400 ms after Discord stamped it.
      const until = Date.now() + 400;
      while (Date.now() < until) {
        // busy: nothing else runs
      }
      const { callback, edit } = await deferred(slowFake, raw);
      expect(callback).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      expect(edit?.embeds?.[0]?.description).toContain('[1]');

      // Once the backlog is gone, a fresh interaction is answered directly again.
      const fresh = chatInput(slowFake.applicationId, 'timeline');
      slowFake.dispatch('INTERACTION_CREATE', fresh);
      const reply = await slowFake.waitForRequest((r) => r.path === callbackPath(fresh));
      expect((reply.body as CallbackBody).type).toBe(4);
    } finally {
      await slowBot.stop();
      await slowFake.close();
    }
  });
});
