import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { commands } from '../../commands/index.js';
import { type RunningSlack, startSlack } from '../../src/adapters/slack/app.js';
import { createEngine } from '../../src/core/engine.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { createLogger } from '../../src/logger.js';
import { expectWithinLimits, textsOf } from './blocks.js';
import {
  BOT_TOKEN,
  BOT_USER_ID,
  type FakeSlack,
  mentionEvent,
  startFakeSlack,
  TEAM_ID,
} from './fake-slack.js';

const APP_TOKEN = 'xapp-1-A0APP-123-abc';
const engine = createEngine(loadKnowledge());
let fake: FakeSlack;
let wss: WebSocketServer;
let socket: WebSocket;
let slack: RunningSlack;
const acks: { envelope_id: string; payload?: Record<string, unknown> }[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  // Slack's Socket Mode server: the app opens a WebSocket, gets "hello", then receives envelopes.
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const connected = new Promise<WebSocket>((resolve) =>
    wss.once('connection', (ws) => {
      ws.on('message', (data) => acks.push(JSON.parse(String(data))));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
      resolve(ws);
    }),
  );
  const { port } = wss.address() as AddressInfo;
  fake.queue('apps.connections.open', { body: { ok: true, url: `ws://127.0.0.1:${port}/link` } });
  slack = await startSlack(
    { botToken: BOT_TOKEN, signingSecret: undefined, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 3000 },
    { engine, commands, logger: createLogger('silent') },
    { retryConfig: { retries: 0 }, timeoutMs: 2000 },
  );
  socket = await connected;
});

afterAll(async () => {
  await slack?.stop();
  for (const client of wss?.clients ?? []) client.terminate();
  wss?.close();
  await fake?.close();
});

const ackFor = async (envelopeId: string) => {
  for (let i = 0; i < 200; i++) {
    const found = acks.find((a) => a.envelope_id === envelopeId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ack for ${envelopeId}`);
};

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('connects with the app token and listens on no port', async () => {
    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeNull();
    const open = await fake.waitFor((c) => c.name === 'apps.connections.open');
    expect(open.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
  });

  it('answers a slash command in the envelope ack', async () => {
    const question = 'when does the IP licence end?';
    socket.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          team_id: TEAM_ID,
          channel_id: 'C0CHAN',
          user_id: 'U0ASKER',
          command: '/partnership',
          text: question,
          api_app_id: 'A0APP',
          response_url: fake.hookUrl('socket'),
          trigger_id: '1.2.3',
        },
      }),
    );
    const ack = await ackFor('env-1');
    expect(ack.payload?.response_type).toBe('ephemeral');
    expectWithinLimits(ack.payload ?? {});
    const text = textsOf(ack.payload?.blocks).join('\n');
    for (const c of engine.ask(question).citations) expect(text).toContain(c.title);
  });

  it('answers a mention in its thread', async () => {
    const event = mentionEvent(`<@${BOT_USER_ID}> timeline`);
    socket.send(
      JSON.stringify({
        envelope_id: 'env-2',
        type: 'events_api',
        accepts_response_payload: false,
        payload: event,
      }),
    );
    await ackFor('env-2');
    const post = await fake.waitFor(
      (c) => c.name === 'chat.postMessage' && c.body.thread_ts === event.event.ts,
    );
    expect(textsOf(post.body.blocks)[0]).toBe('Timeline');
  });
});
