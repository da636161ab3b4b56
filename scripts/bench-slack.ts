/**
 * Load test of the Slack app: the real Bolt app on 127.0.0.1 (HTTP mode), a local fake Web API,
 * and autocannon sending signed `/partnership` slash commands. Prints requests/s, p50 and p99
 * latency and the non-2xx count; `--json` prints one JSON object instead.
 *
 *   npm run bench:slack -- [--duration 10] [--connections 50] [--json]
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { commands } from '../commands/index.js';
import { startSlack } from '../src/adapters/slack/app.js';
import { createEngine } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    json: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!(duration > 0) || !(connections > 0 && Number.isInteger(connections))) {
  process.stderr.write('Usage: bench-slack [--duration seconds] [--connections n] [--json]\n');
  process.exit(2);
}

const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';

// The fake Web API only needs auth.test (start-up); slash commands are answered in the ack.
const fake = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, user_id: 'UBENCH', bot_id: 'BBENCH', team_id: 'TBENCH' }));
  });
});
fake.listen(0, '127.0.0.1');
await once(fake, 'listening');
const fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;

const slack = await startSlack(
  {
    botToken: 'xoxb-bench',
    signingSecret: SIGNING_SECRET,
    appToken: undefined,
    apiUrl: `${fakeUrl}/api/`,
    port: 0,
  },
  { engine: createEngine(loadKnowledge()), commands, logger: createLogger('silent') },
  { host: '127.0.0.1' },
);

// A mix of what users type: questions (answered and not), a topic, the timeline, help.
const texts = [
  'when does the IP licence end?',
  'does Microsoft still get a share of OpenAI revenue?',
  'what is the weather in paris?',
  'topic licensing',
  'timeline',
  'help',
];
// A signature stays valid for 5 minutes, so each body is signed once.
const timestamp = Math.floor(Date.now() / 1000);
const requests = texts.map((text) => {
  const body = new URLSearchParams({
    team_id: 'TBENCH',
    channel_id: 'CBENCH',
    user_id: 'UBENCHUSER',
    command: '/partnership',
    text,
    api_app_id: 'ABENCH',
    response_url: `${fakeUrl}/hooks/bench`,
    trigger_id: '1.2.3',
  }).toString();
  const signature = createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    method: 'POST' as const,
    path: '/slack/events',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${signature}`,
    },
    body,
  };
});

// One request first: a fast 200 without the answer in it would make the figures meaningless.
const first = requests[0] as (typeof requests)[number];
const check = await fetch(`http://127.0.0.1:${slack.port}${first.path}`, first);
const checkBody = (await check.json()) as { blocks?: unknown[] };
if (check.status !== 200 || !checkBody.blocks?.length) {
  process.stderr.write(`bench-slack: the app did not answer (status ${check.status})\n`);
  process.exit(1);
}

const result = await autocannon({
  url: `http://127.0.0.1:${slack.port}`,
  connections,
  duration,
  requests,
});

await slack.stop();
fake.closeAllConnections();
fake.close();

const figures = {
  connections,
  durationSeconds: duration,
  requests: result.requests.total,
  requestsPerSecond: Math.round(result.requests.average),
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  latencyMaxMs: result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
};
if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else
  process.stdout.write(
    [
      `Slack /partnership over loopback: ${connections} connections, ${duration} s`,
      `requests/s   ${figures.requestsPerSecond} (${figures.requests} in all)`,
      `latency p50  ${figures.latencyP50Ms} ms`,
      `latency p99  ${figures.latencyP99Ms} ms (max ${figures.latencyMaxMs} ms)`,
      `non-2xx      ${figures.non2xx} (errors ${figures.errors}, timeouts ${figures.timeouts})`,
      '',
    ].join('\n'),
  );
process.exitCode = figures.non2xx + figures.errors + figures.timeouts === 0 ? 0 : 1;
