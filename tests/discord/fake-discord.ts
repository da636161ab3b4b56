/**
 * A local stand-in for Discord: the REST API (node:http) and the gateway (ws) on 127.0.0.1, enough
 * for the real discord.js Client to log in, receive interactions and answer them. Tests and
 * scripts/bench-discord.ts assert on what it received.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export type RecordedRequest = {
  method: string;
  /** Decoded path without the query, e.g. /api/v10/webhooks/1/tok/messages/@original. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** performance.now() when the request body was complete. */
  at: number;
};

/** A canned failure for the next request(s) matching `method` and `path`. */
export type FakeFailure = {
  method?: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1). */
  times?: number;
};

export type Identify = { shard: [number, number] | undefined; token: string; intents: number };

export type FakeDiscordOptions = {
  /** What GET /gateway/bot recommends. */
  shards?: number;
  /** Keep every request in `requests` (the bench turns this off). */
  record?: boolean;
  applicationId?: string;
};

export type FakeDiscord = {
  /** Base for the Client's `rest.api` and for DISCORD_API_URL. */
  apiUrl: string;
  gatewayUrl: string;
  applicationId: string;
  botUserId: string;
  requests: RecordedRequest[];
  identifies: Identify[];
  failNext(failure: FakeFailure): void;
  /** Called for every request, after it is recorded and answered. */
  onRequest(listener: (req: RecordedRequest) => void): () => void;
  /** The first request, past or future, that matches. */
  waitForRequest(match: (req: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Shard ids with an open gateway connection that identified. */
  connectedShards(): number[];
  /** Resolves once READY was sent to every shard id listed. */
  waitForReady(shardIds?: readonly number[], timeoutMs?: number): Promise<void>;
  dispatch(event: string, data: unknown, shardId?: number): void;
  close(): Promise<void>;
};

const API_PREFIX = '/api/v10';

const DISCORD_EPOCH = 1_420_070_400_000n;
let lastSnowflake = 0n;
let increment = 0n;
const stamp = (ms: number) => (BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n;

/**
 * Snowflakes in increasing order, as Discord issues them, carrying the time they were made: the bot
 * reads an interaction's age from its id.
 */
export function snowflake(): string {
  const now = stamp(Date.now());
  lastSnowflake = lastSnowflake >= now ? lastSnowflake + 1n : now;
  return lastSnowflake.toString();
}

/** A unique snowflake made at `ms` (Unix time), e.g. for an interaction that arrives late. */
export function snowflakeAt(ms: number): string {
  increment = (increment + 1n) & 0xfffn;
  return (stamp(ms) | increment).toString();
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const shardCount = options.shards ?? 1;
  const record = options.record ?? true;
  const applicationId = options.applicationId ?? '1400000000000000001';
  const botUserId = applicationId;
  const requests: RecordedRequest[] = [];
  const identifies: Identify[] = [];
  const failures: (FakeFailure & { left: number })[] = [];
  const listeners = new Set<(req: RecordedRequest) => void>();
  const sockets = new Map<number, { ws: WebSocket; seq: number }>();
  const readyShards = new Set<number>();
  const readyWaiters = new Set<() => void>();

  const gateway = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(gateway, 'listening');
  const gatewayUrl = `ws://127.0.0.1:${(gateway.address() as AddressInfo).port}`;

  const send = (ws: WebSocket, payload: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  };

  gateway.on('connection', (ws) => {
    let shardId = -1;
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (msg.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (msg.op === 2) {
        const d = msg.d as { token: string; intents: number; shard?: [number, number] };
        identifies.push({ shard: d.shard, token: d.token, intents: d.intents });
        const shard = d.shard ?? [0, 1];
        shardId = shard[0];
        const entry = { ws, seq: 1 };
        sockets.set(shardId, entry);
        send(ws, {
          op: 0,
          t: 'READY',
          s: entry.seq,
          d: {
            v: 10,
            user: { id: botUserId, username: 'partnership-bot', discriminator: '0', avatar: null, bot: true },
            guilds: [],
            session_id: `session-${shardId}-${snowflake()}`,
            resume_gateway_url: gatewayUrl,
            shard,
            application: { id: applicationId, flags: 0 },
          },
        });
        readyShards.add(shardId);
        for (const wake of readyWaiters) wake();
      }
    });
    ws.on('close', () => {
      if (sockets.get(shardId)?.ws === ws) sockets.delete(shardId);
    });
  });

  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const path = decodeURIComponent(url.pathname);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const recorded: RecordedRequest = {
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
        at: performance.now(),
      };
      if (record) requests.push(recorded);

      const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        if (payload === undefined) res.writeHead(status, headers).end();
        else
          res
            .writeHead(status, { 'content-type': 'application/json', ...headers })
            .end(JSON.stringify(payload));
        for (const listener of listeners) listener(recorded);
      };

      const failure = failures.find((f) => (!f.method || f.method === method) && f.path.test(path));
      if (failure) {
        failure.left -= 1;
        if (failure.left <= 0) failures.splice(failures.indexOf(failure), 1);
        reply(failure.status, failure.body ?? { message: 'Injected failure', code: 0 }, failure.headers);
        return;
      }
      const [status, payload] = route(method, path, body);
      reply(status, payload);
    });
  });

  // A message the bot posted, as the REST API returns it.
  const message = (body: unknown, channelId = '1') =>
    rawMessage({
      channel_id: channelId,
      author: { id: botUserId, username: 'partnership-bot', discriminator: '0', avatar: null, bot: true },
      timestamp: new Date().toISOString(),
      ...(typeof body === 'object' && body ? body : {}),
    });

  /** What the fake answers: [status, JSON body or undefined for no content]. */
  function route(method: string, path: string, body: unknown): [number, unknown] {
    if (!path.startsWith(API_PREFIX)) return [404, { message: '404: Not Found', code: 0 }];
    const p = path.slice(API_PREFIX.length);
    if (method === 'GET' && p === '/gateway/bot')
      return [
        200,
        {
          url: gatewayUrl,
          shards: shardCount,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      ];
    if (method === 'GET' && p === '/gateway') return [200, { url: gatewayUrl }];
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) return [204, undefined];
    if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(p))
      return [200, message(body)];
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(p)) return [200, message(body)];
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(p)) {
      const list = Array.isArray(body) ? body : [];
      return [
        200,
        list.map((c: unknown) => ({
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          ...(typeof c === 'object' && c ? c : {}),
        })),
      ];
    }
    return [404, { message: 'Unknown route in the fake', code: 0 }];
  }

  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api`;

  const fake: FakeDiscord = {
    apiUrl,
    gatewayUrl,
    applicationId,
    botUserId,
    requests,
    identifies,
    failNext(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForRequest(match, timeoutMs = 5000) {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`fake Discord: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        const stop = fake.onRequest((req) => {
          if (!match(req)) return;
          clearTimeout(timer);
          stop();
          resolve(req);
        });
      });
    },
    connectedShards() {
      return [...sockets.keys()].sort((a, b) => a - b);
    },
    waitForReady(shardIds = [0], timeoutMs = 10_000) {
      const done = () => shardIds.every((id) => readyShards.has(id));
      if (done()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (!done()) return;
          clearTimeout(timer);
          readyWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          readyWaiters.delete(wake);
          reject(new Error(`fake Discord: shards ${shardIds.join(', ')} not READY within ${timeoutMs} ms`));
        }, timeoutMs);
        readyWaiters.add(wake);
      });
    },
    dispatch(event, data, shardId = 0) {
      const entry = sockets.get(shardId);
      if (!entry) throw new Error(`fake Discord: shard ${shardId} is not connected`);
      entry.seq += 1;
      send(entry.ws, { op: 0, t: event, s: entry.seq, d: data });
    },
    async close() {
      for (const client of gateway.clients) client.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return fake;
}

// ---- Raw interaction payloads, shaped as Discord sends them in INTERACTION_CREATE ----

export const GUILD_ID = '1300000000000000010';
export const CHANNEL_ID = '1300000000000000020';
export const USER = {
  id: '1300000000000000030',
  username: 'asker',
  discriminator: '0',
  global_name: 'Asker',
  avatar: null,
};

export type RawOption = {
  type: number;
  name: string;
  value?: unknown;
  focused?: boolean;
  options?: RawOption[];
};

function base(applicationId: string, type: number, data: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: snowflake(),
    application_id: applicationId,
    token: `tok-${snowflake()}`,
    type,
    version: 1,
    data,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
    member: {
      user: USER,
      roles: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '0',
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    ...extra,
  };
}

export type RawInteraction = ReturnType<typeof base>;

/** `/partnership <sub> name:value ...` */
export function chatInput(
  applicationId: string,
  sub: string,
  options: Record<string, string> = {},
  command = 'partnership',
): RawInteraction {
  return base(applicationId, 2, {
    id: '1300000000000000100',
    name: command,
    type: 1,
    options: [
      {
        type: 1,
        name: sub,
        options: Object.entries(options).map(([name, value]) => ({ type: 3, name, value })),
      },
    ],
  });
}

/** The user is typing `value` into option `option` of `/partnership <sub>`. */
export function autocomplete(
  applicationId: string,
  sub: string,
  option: string,
  value: string,
): RawInteraction {
  return base(applicationId, 4, {
    id: '1300000000000000100',
    name: 'partnership',
    type: 1,
    options: [{ type: 1, name: sub, options: [{ type: 3, name: option, value, focused: true }] }],
  });
}

/** A message as Discord embeds it in interactions (`resolved.messages`, `message`). */
export function rawMessage(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: snowflake(),
    channel_id: CHANNEL_ID,
    type: 0,
    author: { id: '1300000000000000040', username: 'someone', discriminator: '0', avatar: null },
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: '2026-04-29T10:00:00.000Z',
    edited_timestamp: null,
    flags: 0,
    ...fields,
  };
}

/** The message context-menu command run on `target`. */
export function messageCommand(
  applicationId: string,
  name: string,
  target: Record<string, unknown>,
): RawInteraction {
  const id = String(target.id);
  return base(applicationId, 2, {
    id: '1300000000000000200',
    name,
    type: 3,
    target_id: id,
    resolved: { messages: { [id]: target } },
  });
}

/** A click on the button `customId` of `message` (the bot's own message, as Discord echoes it). */
export function buttonClick(
  applicationId: string,
  customId: string,
  message: Record<string, unknown>,
): RawInteraction {
  return base(applicationId, 3, { custom_id: customId, component_type: 2 }, { message });
}
