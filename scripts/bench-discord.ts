/**
 * `npm run bench:discord -- --duration 10 --concurrency 8` (every flag optional: 10 s, concurrency 1 by
 * default; add `--json` for one JSON line): the real bot (discord.js Client, engine, renderer) against
 * the fake Discord on 127.0.0.1. Dispatches INTERACTION_CREATE through the fake gateway as fast as the
 * bot answers, and times each one from dispatch to the callback arriving at the fake REST API. A
 * deferred reply (type 5) counts as an error: the bot should never be that late here. Fake and bot
 * share this process, so the figures include the fake's own work.
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { commands } from '../commands/index.js';
import { startDiscord } from '../src/adapters/discord/client.js';
import { createEngine } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import {
  autocomplete,
  chatInput,
  type RawInteraction,
  type RecordedRequest,
  startFakeDiscord,
} from '../tests/discord/fake-discord.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const durationS = Math.max(1, Number(values.duration) || 10);
const concurrency = Math.max(1, Math.floor(Number(values.concurrency) || 1));
/** Discord's own deadline: a callback later than this is lost. */
const TIMEOUT_MS = 3000;

const engine = createEngine(loadKnowledge());
// Count what the bot logs at warn and above (failed interactions, rate limits) as errors.
let botErrors = 0;
const logger = pino(
  { level: 'warn', base: undefined },
  new Writable({
    write(_chunk, _enc, done) {
      botErrors += 1;
      done();
    },
  }),
);

const fake = await startFakeDiscord({ record: false });
const bot = await startDiscord(
  {
    token: 'MTQwMDAwMDAwMDAwMDAwMDAwMQ.bench.token',
    apiUrl: fake.apiUrl,
    applicationId: undefined,
    guildId: undefined,
  },
  { engine, commands, logger },
);

// A mix of what users do: questions answered and missed, autocomplete, a topic, the timeline.
const questions = [
  ...engine.suggestQuestions('', 25),
  'What is the weather on Mars?',
  'Who won the 2026 World Cup?',
];
const prefixes = ['rev', 'When', 'licence', 'Amazon', 'AGI', ''];
const topics = engine.kb.topics.map((t) => t.id);
let n = 0;
function nextInteraction(): { raw: RawInteraction; expect: number } {
  n += 1;
  const app = fake.applicationId;
  switch (n % 6) {
    case 0:
      return { raw: autocomplete(app, 'ask', 'question', prefixes[n % prefixes.length] ?? ''), expect: 8 };
    case 1:
      return { raw: chatInput(app, 'topic', { name: topics[n % topics.length] ?? 'licensing' }), expect: 4 };
    case 2:
      return { raw: chatInput(app, 'timeline'), expect: 4 };
    default:
      return { raw: chatInput(app, 'ask', { question: questions[n % questions.length] ?? '' }), expect: 4 };
  }
}

const pending = new Map<string, (req: RecordedRequest) => void>();
fake.onRequest((req) => {
  const id = /^\/api\/v10\/interactions\/(\d+)\//.exec(req.path)?.[1];
  if (id) pending.get(id)?.(req);
});

const latencies: number[] = [];
let errors = 0;
const errorKinds = new Map<string, number>();
const fail = (kind: string) => {
  errors += 1;
  errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
};

function once(): Promise<void> {
  const { raw, expect } = nextInteraction();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(raw.id);
      fail('timeout');
      resolve();
    }, TIMEOUT_MS);
    const start = performance.now();
    pending.set(raw.id, (req) => {
      const ms = req.at - start;
      clearTimeout(timer);
      pending.delete(raw.id);
      const body = req.body as { type?: number; data?: { embeds?: unknown[]; choices?: unknown[] } } | null;
      const ok =
        req.method === 'POST' &&
        body?.type === expect &&
        (expect === 8 ? Array.isArray(body.data?.choices) : (body.data?.embeds?.length ?? 0) > 0);
      if (ok) latencies.push(ms);
      else fail('unexpected callback');
      resolve();
    });
    fake.dispatch('INTERACTION_CREATE', raw);
  });
}

// Warm up the JIT and the HTTP keep-alive pool, then measure.
for (let i = 0; i < 200; i++) await once();
latencies.length = 0;
errors = 0;
errorKinds.clear();
botErrors = 0;

const started = performance.now();
const end = started + durationS * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) await once();
  }),
);
const elapsedS = (performance.now() - started) / 1000;

await bot.stop();
await fake.close();

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 100) / 100;
const result = {
  durationS: round(elapsedS),
  concurrency,
  interactions: latencies.length + errors,
  perSecond: Math.round(latencies.length / elapsedS),
  p50Ms: round(pct(50)),
  p99Ms: round(pct(99)),
  maxMs: round(sorted.at(-1) ?? 0),
  errors: errors + botErrors,
  errorKinds: {
    ...Object.fromEntries(errorKinds),
    ...(botErrors ? { 'bot logged warn/error': botErrors } : {}),
  },
  targets: { errors: 0, p99MsUnder: 50 },
  node: process.version,
};

if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const pass = result.errors === 0 && result.p99Ms < 50;
  process.stdout.write(
    [
      `Discord bot, real discord.js against the local fake, ${result.durationS} s, concurrency ${concurrency}`,
      `  interactions/s  ${result.perSecond} (${result.interactions} in all)`,
      `  dispatch -> callback  p50 ${result.p50Ms} ms · p99 ${result.p99Ms} ms · max ${result.maxMs} ms`,
      `  errors          ${result.errors}${result.errors ? ` ${JSON.stringify(result.errorKinds)}` : ''}`,
      `  targets         no errors, p99 under 50 ms: ${pass ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'),
  );
}
