import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type RunningSlack, startSlack } from '../../src/adapters/slack/app.js';
import { decodeRunSpec, encodeRunSpec } from '../../src/adapters/slack/render.js';
import { createEngine } from '../../src/core/engine.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { createLogger } from '../../src/logger.js';
import { buttonsOf, expectWithinLimits, markupIn, textsOf } from './blocks.js';
import {
  BOT_TOKEN,
  BOT_USER_ID,
  buttonClick,
  type FakeSlack,
  mentionEvent,
  messageShortcut,
  now,
  type Recorded,
  SIGNING_SECRET,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  startFakeSlack,
} from './fake-slack.js';

const engine = createEngine(loadKnowledge());
let fake: FakeSlack;
let slack: RunningSlack;
let eventsUrl: string;
let hookSeq = 0;
const newHook = () => fake.hookUrl(`h${hookSeq++}`);
const hookId = (url: string) => url.split('/').pop() ?? '';

beforeAll(async () => {
  fake = await startFakeSlack();
  slack = await startSlack(
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: undefined, apiUrl: fake.apiUrl, port: 0 },
    { engine, commands, logger: createLogger('silent') },
    { host: '127.0.0.1', retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 10 }, timeoutMs: 2000 },
  );
  eventsUrl = `http://127.0.0.1:${slack.port}/slack/events`;
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
});

type Message = { response_type?: string; text?: string; blocks?: unknown };
const joined = (m: Message) => textsOf(m.blocks).join('\n');
const posts = (threadTs: string) =>
  fake.calls.filter(
    (c) => c.kind === 'api' && c.name === 'chat.postMessage' && c.body.thread_ts === threadTs,
  );
const hookCall = (url: string) => fake.waitFor((c) => c.kind === 'hook' && c.name === hookId(url));

/** Clicks a reply's Share button as another user, and returns what Slack was sent for it. */
async function clickShare(asked: Message): Promise<Message> {
  const share = buttonsOf(asked.blocks).find((b) => b.text === 'Share in channel');
  if (!share) throw new Error('no Share button');
  const hook = newHook();
  await sendInteraction(eventsUrl, buttonClick(share, hook, 'U0SHARER'));
  return (await hookCall(hook)).body as Message;
}

/** Every citation of the engine's own answer shows up, numbered, in the rendered sources. */
function expectCitations(text: string, expected: ReturnType<typeof engine.ask>) {
  expect(expected.citations.length).toBeGreaterThan(0);
  expect(text).toContain('*Sources*');
  for (const c of expected.citations) {
    expect(text).toContain(`*[${c.n}]*`);
    expect(text).toContain(c.title);
  }
}

describe('slash command', () => {
  it('answers /partnership <question> in the 200 response with cited, ephemeral blocks', async () => {
    const question = 'when does the IP licence end?';
    const res = await sendSlashCommand(eventsUrl, question, newHook());
    expect(res.status).toBe(200);
    const body = res.json as Message;
    expect(body.response_type).toBe('ephemeral');
    expectWithinLimits(body);
    const expected = engine.ask(question);
    expect(expected.kind).toBe('answer');
    const text = joined(body);
    expect(text).toContain('[1]');
    expectCitations(text, expected);
    expect(text).toContain('Knowledge as of');
    const actions = buttonsOf(body.blocks).map((b) => b.text);
    expect(actions).toEqual(expect.arrayContaining(['Share in channel', '👍 Helpful', '👎 Not helpful']));
  });

  it('runs topic, timeline, sources and help from the command text', async () => {
    const topic = (await sendSlashCommand(eventsUrl, 'topic licensing', newHook())).json as Message;
    expect(textsOf(topic.blocks)[0]).toBe(engine.topic('licensing').title);
    expectCitations(joined(topic), engine.topic('licensing'));

    const timeline = (await sendSlashCommand(eventsUrl, 'timeline', newHook())).json as Message;
    expect(textsOf(timeline.blocks)[0]).toBe('Timeline');
    expectCitations(joined(timeline), engine.timeline());
    expectWithinLimits(timeline);

    const sources = (await sendSlashCommand(eventsUrl, 'sources', newHook())).json as Message;
    expect(textsOf(sources.blocks)[0]).toBe(engine.sources().title);

    for (const text of ['help', '', '   ']) {
      const help = (await sendSlashCommand(eventsUrl, text, newHook())).json as Message;
      expect(textsOf(help.blocks)[0]).toBe('Help');
      // Usage reads the way a Slack user types it.
      expect(joined(help)).toContain('/partnership topic &lt;name&gt;');
      expect(joined(help)).toContain('/partnership ask &lt;question&gt;');
    }
    // ...and what help shows works as typed.
    const question = 'when does the IP licence end?';
    const asked = (await sendSlashCommand(eventsUrl, `ask ${question}`, newHook())).json as Message;
    expect(joined(asked)).toContain(`*Q:* ${question}`);
    expectCitations(joined(asked), engine.ask(question));
  });

  it('rejects a wrong signature and a timestamp over five minutes old with 401', async () => {
    const wrong = await sendSlashCommand(eventsUrl, 'timeline', newHook(), {
      secret: 'deadbeefdeadbeefdeadbeef',
    });
    expect(wrong.status).toBe(401);
    const stale = await sendSlashCommand(eventsUrl, 'timeline', newHook(), { timestamp: now() - 6 * 60 });
    expect(stale.status).toBe(401);
    const fresh = await sendSlashCommand(eventsUrl, 'timeline', newHook(), { timestamp: now() - 4 * 60 });
    expect(fresh.status).toBe(200);
  });

  it('never echoes mention syntax: &, <, > come back escaped', async () => {
    const nasty = [
      'does <!channel> & <@U123> get a <b>share</b> of revenue?',
      // Markup rebuilt once the inner part is stripped: must still not ping.
      '<<!channel>!channel> <<@U123>@U999> what about Zorblax?',
      'topic a<b>c&d <!here>',
      '&lt;!everyone&gt; when does the IP licence end?',
    ];
    for (const text of nasty) {
      const res = await sendSlashCommand(eventsUrl, text, newHook());
      expect(res.status).toBe(200);
      const body = res.json as Message;
      expectWithinLimits(body);
      const texts = [...textsOf(body.blocks, 'mrkdwn'), body.text ?? ''];
      expect(markupIn(texts)).toEqual([]);
      // Button values are never rendered, so only what Slack displays must be free of markup.
      const shown = JSON.stringify({ ...body, blocks: body.blocks }, (k, v) => (k === 'value' ? '' : v));
      expect(shown).not.toMatch(/<[!@#]/);
    }
    const topic = (await sendSlashCommand(eventsUrl, 'topic a<b>c&d', newHook())).json as Message;
    expect(joined(topic)).toContain('a&lt;b&gt;c&amp;d');
  });

  it('keeps a huge question inside the limits with a short message', async () => {
    for (const text of ['why '.repeat(2000), `<@U1> ${'ünïcödé 🎉 '.repeat(800)}`]) {
      const res = await sendSlashCommand(eventsUrl, text, newHook());
      expect(res.status).toBe(200);
      expectWithinLimits(res.json as Message);
      expect(joined(res.json as Message).length).toBeLessThan(1000);
    }
  });
});

describe('buttons', () => {
  it('Share in channel posts the same answer publicly, saying who shared it', async () => {
    const question = 'how much revenue does OpenAI share with Microsoft?';
    const asked = (await sendSlashCommand(eventsUrl, question, newHook())).json as Message;
    const share = buttonsOf(asked.blocks).find((b) => b.text === 'Share in channel');
    expect(share).toBeDefined();
    const hook = newHook();
    const res = await sendInteraction(
      eventsUrl,
      buttonClick(share as NonNullable<typeof share>, hook, 'U0SHARER'),
    );
    expect(res.status).toBe(200);
    const shared = (await hookCall(hook)).body as Message & { replace_original?: boolean };
    expect(shared.response_type).toBe('in_channel');
    expect(shared.replace_original).toBe(false);
    expectWithinLimits(shared);
    expect(joined(shared)).toContain('Shared by <@U0SHARER>');
    // The same answer: identical blocks once the attribution and the share button are set aside.
    const withoutExtras = (m: Message) =>
      textsOf(m.blocks).filter((t) => !t.startsWith('Shared by') && t !== 'Share in channel');
    expect(withoutExtras(shared)).toEqual(withoutExtras(asked));
    expect(buttonsOf(shared.blocks).map((b) => b.text)).not.toContain('Share in channel');
  });

  it('a topic button on an abstention answers that topic', async () => {
    const asked = (await sendSlashCommand(eventsUrl, 'what is the weather in paris today?', newHook()))
      .json as Message;
    const expected = engine.ask('what is the weather in paris today?');
    expect(expected.kind).toBe('abstain');
    const topicButtons = buttonsOf(asked.blocks).filter((b) => b.action_id.startsWith('partnership_topic_'));
    expect(topicButtons.map((b) => b.text)).toEqual(expected.suggestions.map((s) => s.label));
    const first = topicButtons[0];
    const suggestion = expected.suggestions[0];
    if (!first || !suggestion) throw new Error('no topic button');
    const hook = newHook();
    expect((await sendInteraction(eventsUrl, buttonClick(first, hook))).status).toBe(200);
    const answered = (await hookCall(hook)).body as Message;
    expect(answered.response_type).toBe('ephemeral');
    expect(textsOf(answered.blocks)[0]).toBe(engine.topic(suggestion.topic).title);
    expectCitations(joined(answered), engine.topic(suggestion.topic));
  });

  it('helpful / not helpful are acknowledged to the user', async () => {
    const asked = (await sendSlashCommand(eventsUrl, 'when does the IP licence end?', newHook()))
      .json as Message;
    for (const label of ['👍 Helpful', '👎 Not helpful']) {
      const button = buttonsOf(asked.blocks).find((b) => b.text === label);
      if (!button) throw new Error(`no ${label} button`);
      // Only Share carries the question: feedback says what was answered, in a few characters.
      expect(button.value).not.toContain('IP licence');
      expect(button.value.length).toBeLessThan(100);
      const hook = newHook();
      expect((await sendInteraction(eventsUrl, buttonClick(button, hook))).status).toBe(200);
      const ack = (await hookCall(hook)).body as Message;
      expect(ack.response_type).toBe('ephemeral');
      expect(joined(ack)).toMatch(/^Thanks/);
    }
  });

  it('a question that fills the Share button keeps its text and sources, and Share posts them', async () => {
    // The review case: JSON escaping doubles the question's size in every button value.
    const question = `when does the IP licence end? ${'"\\'.repeat(480)}`;
    const expected = engine.ask(question);
    expect(expected.kind).toBe('answer');
    const asked = (await sendSlashCommand(eventsUrl, question, newHook())).json as Message;
    expectWithinLimits(asked);
    expect(textsOf(asked.blocks, 'mrkdwn')).toContain(expected.text);
    expectCitations(joined(asked), expected);
    const shared = await clickShare(asked);
    expect(shared.response_type).toBe('in_channel');
    expect(textsOf(shared.blocks, 'mrkdwn')).toContain(expected.text);
    expectCitations(joined(shared), expected);
  });

  it('Share re-runs from the part of a long question that fits its button', async () => {
    // Each \u0001 costs 6 characters in JSON: the question is cut by its encoded size, not emptied.
    const question = `when does the IP licence end? ${'\u0001'.repeat(900)}`;
    const asked = (await sendSlashCommand(eventsUrl, question, newHook())).json as Message;
    const shared = await clickShare(asked);
    expect(shared.response_type).toBe('in_channel');
    expect(joined(shared)).toContain('*Q:* when does the IP licence end?');
    expectCitations(joined(shared), engine.ask('when does the IP licence end?'));
  });

  it('Share of a question that no longer gets an answer replies privately and posts nothing', async () => {
    // What a stale button, or a question cut to nothing, would carry.
    const value = encodeRunSpec({ command: 'ask', args: { question: '' } });
    const hook = newHook();
    const res = await sendInteraction(
      eventsUrl,
      buttonClick({ action_id: 'partnership_share', value }, hook, 'U0SHARER'),
    );
    expect(res.status).toBe(200);
    const reply = (await hookCall(hook)).body as Message & { replace_original?: boolean };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(joined(reply)).toMatch(/^Nothing was shared: /);
    expect(joined(reply)).not.toContain('Shared by');
    expect(fake.calls.filter((c) => c.kind === 'hook' && c.name === hookId(hook))).toHaveLength(1);
  });

  it('a forged or stale button value gets a short message, not a crash', async () => {
    const hook = newHook();
    const click = buttonClick({ action_id: 'partnership_share', value: '{"c":"nope","a":{}}' }, hook);
    expect((await sendInteraction(eventsUrl, click)).status).toBe(200);
    expect(joined((await hookCall(hook)).body as Message)).toContain('no longer works');
  });
});

describe('mentions', () => {
  const question = 'when does the IP licence end?';

  it('answers a mention in a thread under the message, with the bot token', async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> ${question}`);
    const res = await sendEvent(eventsUrl, event);
    expect(res.status).toBe(200);
    const post = await fake.waitFor(
      (c) => c.name === 'chat.postMessage' && c.body.thread_ts === event.event.ts,
    );
    expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.body.channel).toBe('C0CHAN');
    expectWithinLimits(post.body);
    const text = joined(post.body);
    expectCitations(text, engine.ask(question));
    // The bot's own mention is not part of the question shown back.
    expect(text).toContain(`*Q:* ${question}`);
    expect(buttonsOf(post.body.blocks).map((b) => b.text)).not.toContain('Share in channel');
  });

  it('a mention inside a thread answers in that thread', async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> timeline`, { thread_ts: '1690000000.000200' });
    expect((await sendEvent(eventsUrl, event)).status).toBe(200);
    const post = await fake.waitFor(
      (c) => c.name === 'chat.postMessage' && c.body.thread_ts === '1690000000.000200',
    );
    expect(textsOf(post.body.blocks)[0]).toBe('Timeline');
  });

  it('a retried event (x-slack-retry-num) is answered once', async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> ${question}`);
    expect((await sendEvent(eventsUrl, event)).status).toBe(200);
    await fake.waitFor((c) => c.name === 'chat.postMessage' && c.body.thread_ts === event.event.ts);
    for (const n of ['1', '2']) {
      const retry = await sendEvent(eventsUrl, event, {
        headers: { 'x-slack-retry-num': n, 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
    }
    // A later event is answered, so the retries had every chance to be answered too.
    const later = mentionEvent(`<@${BOT_USER_ID}> sources`);
    await sendEvent(eventsUrl, later);
    await fake.waitFor((c) => c.name === 'chat.postMessage' && c.body.thread_ts === later.event.ts);
    expect(posts(event.event.ts)).toHaveLength(1);
  });

  it('a 429 from the Web API is retried after retry-after without losing the answer', async () => {
    fake.queue('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const event = mentionEvent(`<@${BOT_USER_ID}> ${question}`);
    expect((await sendEvent(eventsUrl, event)).status).toBe(200);
    const ok = await fake.waitFor(
      (c) => c.name === 'chat.postMessage' && c.body.thread_ts === event.event.ts && c.status === 200,
    );
    const attempts = posts(event.event.ts);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]?.body.blocks).toEqual(attempts[0]?.body.blocks);
    expectCitations(joined(ok.body), engine.ask(question));
  });

  it('a failing handler is logged, the user gets an apology, and the app keeps serving', async () => {
    fake.queue('chat.postMessage', { body: { ok: false, error: 'internal_error' } });
    const event = mentionEvent(`<@${BOT_USER_ID}> ${question}`);
    expect((await sendEvent(eventsUrl, event)).status).toBe(200);
    await fake.waitFor((c) => c.name === 'chat.postMessage' && c.body.thread_ts === event.event.ts);
    const apology = await fake.waitFor(
      (c) =>
        c.name === 'chat.postMessage' &&
        c.body.thread_ts === event.event.ts &&
        c !== posts(event.event.ts)[0],
    );
    expect(posts(event.event.ts)).toHaveLength(2);
    expect(joined(apology.body)).toMatch(/^Sorry, something went wrong/);
    expect(joined(apology.body)).not.toContain('internal_error');

    const next = await sendSlashCommand(eventsUrl, question, newHook());
    expect(next.status).toBe(200);
    expectCitations(joined(next.json as Message), engine.ask(question));
    const again = mentionEvent(`<@${BOT_USER_ID}> ${question}`);
    await sendEvent(eventsUrl, again);
    const answer = await fake.waitFor(
      (c) => c.name === 'chat.postMessage' && c.body.thread_ts === again.event.ts,
    );
    expectCitations(joined(answer.body), engine.ask(question));
  });
});

describe('message shortcut', () => {
  it('answers the chosen message in its thread, saying who asked', async () => {
    const question = 'Does Microsoft still get a share of OpenAI revenue?';
    const hook = newHook();
    const payload = messageShortcut(question, hook, {
      thread_ts: '1690000000.000300',
      ts: '1690000000.000400',
    });
    expect((await sendInteraction(eventsUrl, payload)).status).toBe(200);
    const post: Recorded = await fake.waitFor(
      (c) => c.name === 'chat.postMessage' && c.body.thread_ts === '1690000000.000300',
    );
    expect(post.body.channel).toBe('C0CHAN');
    const text = joined(post.body);
    expect(text).toContain('Asked by <@U0SHORTCUT>');
    const expected = engine.ask(question);
    expect(expected.kind).toBe('answer');
    expectCitations(text, expected);
    // The answer went in the thread, so the user is not also told privately.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.calls.filter((c) => c.kind === 'hook' && c.name === hookId(hook))).toHaveLength(0);
  });

  it('tells only the user when the sources do not cover the message, or it holds no question', async () => {
    const cases = [
      { text: 'what is the weather in paris today?', thread: '1690000000.000500', kind: 'abstain' },
      { text: '   ', thread: '1690000000.000600', kind: 'error' },
    ];
    for (const { text, thread, kind } of cases) {
      const expected = engine.ask(text);
      expect(expected.kind).toBe(kind);
      const hook = newHook();
      const payload = messageShortcut(text, hook, { thread_ts: thread });
      expect((await sendInteraction(eventsUrl, payload)).status).toBe(200);
      const reply = (await hookCall(hook)).body as Message & { replace_original?: boolean };
      expect(reply.response_type).toBe('ephemeral');
      expect(reply.replace_original).toBe(false);
      expectWithinLimits(reply);
      expect(joined(reply)).toContain(expected.text.split('\n')[0] ?? '');
      expect(joined(reply)).not.toContain('Asked by');
      // An abstention still offers its closest topics, privately.
      const topics = buttonsOf(reply.blocks).filter((b) => b.action_id.startsWith('partnership_topic_'));
      expect(topics.map((b) => b.text)).toEqual(expected.suggestions.map((s) => s.label));
      expect(posts(thread)).toHaveLength(0);
    }
  });

  it('tells the user how to invite the bot when it is not in the channel', async () => {
    fake.queue('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const hook = newHook();
    const payload = messageShortcut('when does the IP licence end?', hook);
    expect((await sendInteraction(eventsUrl, payload)).status).toBe(200);
    const reply = (await hookCall(hook)).body as Message;
    expect(reply.response_type).toBe('ephemeral');
    expect(joined(reply)).toContain('/invite');
  });
});

describe('commands by what they declare', () => {
  it('routes questions and topic buttons to whichever commands take them, whatever their names', async () => {
    const renamed = commands.map((c) =>
      c.name === 'ask' ? { ...c, name: 'query' } : c.name === 'topic' ? { ...c, name: 'subject' } : c,
    );
    const other = await startSlack(
      {
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        appToken: undefined,
        apiUrl: fake.apiUrl,
        port: 0,
      },
      { engine, commands: renamed, logger: createLogger('silent') },
      { host: '127.0.0.1', retryConfig: { retries: 0 }, timeoutMs: 2000 },
    );
    try {
      const url = `http://127.0.0.1:${other.port}/slack/events`;
      const question = 'when does the IP licence end?';
      const asked = (await sendSlashCommand(url, question, newHook())).json as Message;
      expectCitations(joined(asked), engine.ask(question));
      const share = buttonsOf(asked.blocks).find((b) => b.text === 'Share in channel');
      expect(decodeRunSpec(share?.value)?.command).toBe('query');

      const help = (await sendSlashCommand(url, '', newHook())).json as Message;
      expect(joined(help)).toContain('/partnership query &lt;question&gt;');
      expect(joined(help)).toContain('/partnership subject &lt;name&gt;');

      const missed = (await sendSlashCommand(url, 'what is the weather in paris today?', newHook()))
        .json as Message;
      const first = buttonsOf(missed.blocks).find((b) => b.action_id.startsWith('partnership_topic_'));
      if (!first) throw new Error('no topic button');
      expect(decodeRunSpec(first.value)?.command).toBe('subject');
      const hook = newHook();
      await sendInteraction(url, buttonClick(first, hook));
      const topic = decodeRunSpec(first.value)?.args.name ?? '';
      expectCitations(joined((await hookCall(hook)).body as Message), engine.topic(topic));
    } finally {
      await other.stop();
    }
  });
});
