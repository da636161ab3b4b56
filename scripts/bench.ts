/**
 * `npm run bench [-- --json] [-- --rounds N]`: answer latency of the tuned engine against plain
 * MiniSearch over the same facts (same process, same questions, interleaved), index build time and
 * process start-up time to the local chat's prompt.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { createBaselineIndex } from '../src/eval/evaluate.js';
import { loadQuestions } from '../src/eval/questions.js';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '30' },
    startups: { type: 'string', default: '5' },
  },
});
const rounds = Math.max(1, Number(values.rounds) || 30);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const nowUs = () => Number(process.hrtime.bigint()) / 1000;

const kb = loadKnowledge();
// The first build in this process is what start-up pays (code not yet optimised by the JIT).
let t = performance.now();
const engine = createEngine(kb);
const buildColdMs = performance.now() - t;
const warmBuilds: number[] = [];
for (let i = 0; i < 20; i++) {
  t = performance.now();
  createEngine(kb);
  warmBuilds.push(performance.now() - t);
}
const baseline = createBaselineIndex(kb);
const questions = loadQuestions().map((q) => q.q);

const answerUs: number[] = [];
const baselineUs: number[] = [];
for (const q of questions) {
  engine.ask(q);
  baseline.search(q);
}
for (let r = 0; r < rounds; r++) {
  for (const q of questions) {
    let start = nowUs();
    engine.ask(q);
    answerUs.push(nowUs() - start);
    start = nowUs();
    baseline.search(q);
    baselineUs.push(nowUs() - start);
  }
}
answerUs.sort((a, b) => a - b);
baselineUs.sort((a, b) => a - b);

/** Process start to the local chat's prompt: `node --import tsx src/main.ts` with no tokens set. */
function startupOnce(): Promise<number> {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('SLACK_') || k.startsWith('DISCORD_')) delete env[k];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
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
 * The index build in a fresh process, as start-up pays it. One cold build varies by several
 * milliseconds from run to run on this machine, so the figure is the median of a few processes.
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
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
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
for (let i = 0; i < startups.length; i++) coldBuilds.push(await coldBuildOnce());
const buildColdMedianMs = median(coldBuilds);

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const result = {
  questions: questions.length,
  samples: answerUs.length,
  answer: { p50_us: round(percentile(answerUs, 50)), p99_us: round(percentile(answerUs, 99)) },
  baseline: { p50_us: round(percentile(baselineUs, 50)), p99_us: round(percentile(baselineUs, 99)) },
  build_ms: round(buildColdMedianMs, 2),
  build_first_in_process_ms: round(buildColdMs, 2),
  build_warm_ms: round(median(warmBuilds), 2),
  startup_ms: round(median(startups), 0),
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
  console.log(`answer   p50 ${result.answer.p50_us} us   p99 ${result.answer.p99_us} us`);
  console.log(
    `baseline p50 ${result.baseline.p50_us} us   p99 ${result.baseline.p99_us} us   (plain MiniSearch search)`,
  );
  console.log(
    `build    ${result.build_ms} ms in a fresh process (median of ${coldBuilds.length}), ${result.build_warm_ms} ms warm (median of 20)`,
  );
  console.log(`start-up ${result.startup_ms} ms to the chat prompt (median of ${startups.length})`);
  for (const [name, ok] of Object.entries(result.targets)) console.log(`${ok ? 'ok  ' : 'MISS'} ${name}`);
}
