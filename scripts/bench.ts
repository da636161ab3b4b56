/**
 * `npm run bench [-- --json] [-- --rounds N] [-- --startups N] [-- --builds N]`: answer latency of
 * the tuned engine against plain MiniSearch over the same facts (same process, same questions,
 * rounds alternating, each side in a worker thread of its own: see bench-latency.ts), index build
 * time and process start-up time to the local chat's prompt.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { createEngine } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '30' },
    startups: { type: 'string', default: '5' },
    builds: { type: 'string', default: '11' },
  },
});
const rounds = Math.max(1, Number(values.rounds) || 30);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const kb = loadKnowledge();
// The first build in this process is what start-up pays (code not yet optimised by the JIT).
let t = performance.now();
createEngine(kb);
const buildColdMs = performance.now() - t;
const warmBuilds: number[] = [];
for (let i = 0; i < 20; i++) {
  t = performance.now();
  createEngine(kb);
  warmBuilds.push(performance.now() - t);
}

/** A worker thread that answers with one side's timings for a round over all questions. */
async function latencyWorker(side: 'answer' | 'baseline') {
  // The worker loads TypeScript as this process does, through tsx, registered by hand: a worker
  // does not inherit `--import tsx` (privatenumber/tsx#354).
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./bench-latency.ts', import.meta.url).href)}); })`;
  const worker = new Worker(entry, { eval: true, workerData: side });
  // One round at a time: the message answering it, or the worker's failure. A failure between
  // rounds fails the next one.
  let pending: { resolve: (us: Float64Array) => void; reject: (e: unknown) => void } | undefined;
  let failure: unknown;
  const settle = (f: (p: NonNullable<typeof pending>) => void) => {
    const p = pending;
    pending = undefined;
    if (p) f(p);
  };
  const fail = (e: unknown) => {
    failure ??= e;
    settle((p) => p.reject(failure));
  };
  const ready = new Promise<void>((resolve, reject) => {
    pending = { resolve: () => resolve(), reject };
  });
  worker.on('message', (us: Float64Array) => settle((p) => p.resolve(us)));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the ${side} worker exited (code ${code})`)));
  await ready;
  return {
    round: () =>
      new Promise<Float64Array>((resolve, reject) => {
        if (failure) return reject(failure);
        pending = { resolve, reject };
        worker.postMessage('round');
      }),
    stop: () => {
      worker.removeAllListeners('exit');
      return worker.terminate();
    },
  };
}
// Rounds alternate between the sides, so that both meet the machine in the same state.
const answering = await latencyWorker('answer');
const searching = await latencyWorker('baseline');
const answerRounds: Float64Array[] = [];
const baselineRounds: Float64Array[] = [];
for (let r = 0; r < rounds; r++) {
  answerRounds.push(await answering.round());
  baselineRounds.push(await searching.round());
}
await Promise.all([answering.stop(), searching.stop()]);
const allSorted = (rs: Float64Array[]) => rs.flatMap((r) => [...r]).sort((a, b) => a - b);
const answerUs = allSorted(answerRounds);
const baselineUs = allSorted(baselineRounds);
const questionCount = answerRounds[0]?.length ?? 0;
/**
 * Each question's median time over the rounds, sorted. A single ask's time includes whatever the
 * machine did meanwhile (this virtual machine's pauses reach a few hundred microseconds), and the
 * p99 of all asks is mostly those; the p99 of these medians is what the slowest questions cost.
 */
const questionMedians = (rs: Float64Array[]) =>
  Array.from({ length: questionCount }, (_, i) => median(rs.map((r) => r[i] ?? 0))).sort((a, b) => a - b);
const answerMedians = questionMedians(answerRounds);
const baselineMedians = questionMedians(baselineRounds);

/**
 * Process start to the local chat's prompt, with no tokens set: `npm start`, that is main.ts run with
 * this process's own Node flags, which `npm run bench` sets as `npm start` does.
 */
function startupOnce(): Promise<number> {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('SLACK_') || k.startsWith('DISCORD_')) delete env[k];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...process.execArgv, main], {
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('start-up took over 10 s'));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('> ')) {
        clearTimeout(timer);
        resolve(performance.now() - started);
        child.stdin.end('/quit\n');
      }
    });
    child.on('error', reject);
  });
}
const startups: number[] = [];
for (let i = 0; i < Math.max(1, Number(values.startups) || 5); i++) startups.push(await startupOnce());

/**
 * The index build in a fresh process, as start-up pays it. One cold build varies by 5 ms or more
 * from run to run on this machine, so the figure is the median of eleven processes (`--builds`).
 */
function coldBuildOnce(): Promise<number> {
  const engineUrl = new URL('../src/core/engine.ts', import.meta.url).href;
  const loadUrl = new URL('../src/core/knowledge/load.ts', import.meta.url).href;
  const code = `import { createEngine } from ${JSON.stringify(engineUrl)};
import { loadKnowledge } from ${JSON.stringify(loadUrl)};
const kb = loadKnowledge();
const t = performance.now();
createEngine(kb);
console.log(performance.now() - t);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Number(out.trim())) : reject(new Error(`build process exited with ${code}`)),
    );
  });
}
const coldBuilds: number[] = [];
for (let i = 0; i < Math.max(1, Number(values.builds) || 11); i++) coldBuilds.push(await coldBuildOnce());
const buildColdMedianMs = median(coldBuilds);

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const result = {
  questions: questionCount,
  samples: answerUs.length,
  answer: {
    p50_us: round(percentile(answerUs, 50)),
    p99_us: round(percentile(answerUs, 99)),
    question_median_p99_us: round(percentile(answerMedians, 99)),
  },
  baseline: {
    p50_us: round(percentile(baselineUs, 50)),
    p99_us: round(percentile(baselineUs, 99)),
    question_median_p99_us: round(percentile(baselineMedians, 99)),
  },
  build_ms: round(buildColdMedianMs, 2),
  build_first_in_process_ms: round(buildColdMs, 2),
  build_warm_ms: round(median(warmBuilds), 2),
  startup_ms: round(median(startups), 0),
  // What the figures depend on besides the code: the start-up and build processes ran with these.
  node: { version: process.version, flags: process.execArgv },
  targets: {
    answer_p99_within_2x_baseline: percentile(answerUs, 99) <= 2 * percentile(baselineUs, 99),
    answer_p99_under_300_us: percentile(answerUs, 99) < 300,
    build_under_20_ms: buildColdMedianMs < 20,
    startup_under_1_s: median(startups) < 1000,
  },
};

if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`${result.questions} questions x ${rounds} rounds = ${result.samples} asks`);
  console.log(
    `answer   p50 ${result.answer.p50_us} us   p99 ${result.answer.p99_us} us   p99 of question medians ${result.answer.question_median_p99_us} us`,
  );
  console.log(
    `baseline p50 ${result.baseline.p50_us} us   p99 ${result.baseline.p99_us} us   p99 of question medians ${result.baseline.question_median_p99_us} us   (plain MiniSearch search)`,
  );
  console.log(
    `build    ${result.build_ms} ms in a fresh process (median of ${coldBuilds.length}), ${result.build_warm_ms} ms warm (median of 20)`,
  );
  console.log(`start-up ${result.startup_ms} ms to the chat prompt (median of ${startups.length})`);
  console.log(`node     ${result.node.version} ${result.node.flags.join(' ')}`);
  for (const [name, ok] of Object.entries(result.targets)) console.log(`${ok ? 'ok  ' : 'MISS'} ${name}`);
}
