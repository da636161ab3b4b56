import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack: the Web API (`/api/<method>`) and response_url hooks (`/hooks/<id>`)
 * on 127.0.0.1, recording every request, plus helpers that sign requests exactly as Slack does.
 */

export const SIGNING_SECRET = '8f742231b10e8888abcd99ffffff85a5';
export const BOT_TOKEN = 'xoxb-test-1234';
export const BOT_USER_ID = 'UBOT0001';
export const TEAM_ID = 'T0001';

export type Recorded = {
  kind: 'api' | 'hook';
  /** The Web API method ("chat.postMessage") or the hook id. */
  name: string;
  headers: IncomingHttpHeaders;
  /** Parsed body: form fields (with `blocks` decoded) or JSON. */
  body: Record<string, unknown>;
  status: number;
};

type Reply = { status?: number; headers?: Record<string, string>; body?: unknown };

export type FakeSlack = {
  /** Base URL for SLACK_API_URL, ending in /api/. */
  apiUrl: string;
  hookUrl(id: string): string;
  calls: Recorded[];
  /** The next calls to `method` get these replies, in order, before the default ones resume. */
  queue(method: string, ...replies: Reply[]): void;
  waitFor(match: (call: Recorded) => boolean, timeoutMs?: number): Promise<Recorded>;
  close(): Promise<void>;
};

let ts = 1_700_000_000;
const nextTs = () => `${ts++}.000100`;

function defaultReply(method: string, body: Record<string, unknown>): Reply {
  switch (method) {
    case 'auth.test':
      return {
        body: {
          ok: true,
          url: 'https://fake.slack/',
          team: 'Fake',
          user: 'partnership',
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: 'BBOT0001',
        },
      };
    case 'chat.postMessage':
      return { body: { ok: true, channel: body.channel, ts: nextTs(), message: { text: body.text } } };
    default:
      return { body: { ok: true } };
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = k === 'blocks' ? JSON.parse(v) : v;
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: Recorded[] = [];
  const queued = new Map<string, Reply[]>();
  const waiters = new Set<{ match: (c: Recorded) => boolean; resolve: (c: Recorded) => void }>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const [, kindPart, name = ''] = url.pathname.split('/');
      const kind = kindPart === 'hooks' ? 'hook' : 'api';
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      const reply =
        queued.get(name)?.shift() ?? (kind === 'hook' ? { body: { ok: true } } : defaultReply(name, body));
      const status = reply.status ?? 200;
      const call: Recorded = { kind, name, headers: req.headers, body, status };
      calls.push(call);
      res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body ?? {}));
      for (const w of waiters)
        if (w.match(call)) {
          waiters.delete(w);
          w.resolve(call);
        }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    hookUrl: (id) => `${base}/hooks/${id}`,
    calls,
    queue: (method, ...replies) => queued.set(method, [...(queued.get(method) ?? []), ...replies]),
    waitFor: (match, timeoutMs = 5000) => {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error('fake Slack: the expected request never came'));
        }, timeoutMs).unref();
      });
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Slack's request signature: v0=hex(HMAC-SHA256(secret, "v0:<ts>:<raw body>")). */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export const now = () => Math.floor(Date.now() / 1000);

export type SendOptions = { timestamp?: number; secret?: string; headers?: Record<string, string> };

async function send(url: string, body: string, contentType: string, opts: SendOptions) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...sign(body, opts.timestamp ?? now(), opts.secret),
      ...opts.headers,
    },
    body,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

/** The form body Slack posts for `/partnership <text>`. */
export function slashCommandBody(text: string, responseUrl: string, user = 'U0ASKER'): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'fake',
    channel_id: 'C0CHAN',
    channel_name: 'general',
    user_id: user,
    user_name: 'asker',
    command: '/partnership',
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '123.456.abc',
  }).toString();
}

export function sendSlashCommand(
  eventsUrl: string,
  text: string,
  responseUrl: string,
  opts: SendOptions = {},
) {
  return send(eventsUrl, slashCommandBody(text, responseUrl), 'application/x-www-form-urlencoded', opts);
}

let eventSeq = 0;
export function mentionEvent(
  text: string,
  extra: { ts?: string; thread_ts?: string; event_id?: string } = {},
) {
  const eventTs = extra.ts ?? nextTs();
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: extra.event_id ?? `Ev${Date.now()}${eventSeq++}`,
    event_time: now(),
    authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'app_mention',
      user: 'U0ASKER',
      text,
      ts: eventTs,
      channel: 'C0CHAN',
      event_ts: eventTs,
      ...(extra.thread_ts ? { thread_ts: extra.thread_ts } : {}),
    },
  };
}

export function sendEvent(eventsUrl: string, event: unknown, opts: SendOptions = {}) {
  return send(eventsUrl, JSON.stringify(event), 'application/json', opts);
}

/** Interactivity payloads (buttons, shortcuts) arrive form-encoded in a `payload` field. */
export function sendInteraction(eventsUrl: string, payload: unknown, opts: SendOptions = {}) {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return send(eventsUrl, body, 'application/x-www-form-urlencoded', opts);
}

export function buttonClick(
  button: { action_id: string; value: string },
  responseUrl: string,
  user = 'U0CLICKER',
  ephemeral = true,
) {
  return {
    type: 'block_actions',
    user: { id: user, username: 'clicker', name: 'clicker', team_id: TEAM_ID },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: nextTs(), channel_id: 'C0CHAN', is_ephemeral: ephemeral },
    trigger_id: '123.456.def',
    team: { id: TEAM_ID, domain: 'fake' },
    channel: { id: 'C0CHAN', name: 'general' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x' },
        value: button.value,
        action_ts: nextTs(),
      },
    ],
  };
}

export function messageShortcut(
  text: string,
  responseUrl: string,
  extra: { ts?: string; thread_ts?: string } = {},
) {
  const messageTs = extra.ts ?? nextTs();
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: nextTs(),
    team: { id: TEAM_ID, domain: 'fake' },
    user: { id: 'U0SHORTCUT', name: 'shortcutter', team_id: TEAM_ID },
    channel: { id: 'C0CHAN', name: 'general' },
    callback_id: 'ask_partnership_bot',
    trigger_id: '123.456.ghi',
    message_ts: messageTs,
    response_url: responseUrl,
    message: {
      type: 'message',
      user: 'U0OTHER',
      ts: messageTs,
      text,
      ...(extra.thread_ts ? { thread_ts: extra.thread_ts } : {}),
    },
  };
}
