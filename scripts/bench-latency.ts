/**
 * One side of `npm run bench`'s latency measurement, in a worker thread of its own: the tuned
 * engine's ask, or plain MiniSearch's search over the same facts. Each side has a V8 isolate to
 * itself, as the engine has in the bot's process: in one shared isolate, the two indexes' different
 * options make MiniSearch's code see objects of more shapes, which slowed each side by a fifth or
 * more and measured the pairing, not the engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../src/core/engine.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { createBaselineIndex } from '../src/eval/evaluate.js';
import { loadQuestions } from '../src/eval/questions.js';

const side = workerData as 'answer' | 'baseline';
const kb = loadKnowledge();
let run: (q: string) => unknown;
if (side === 'answer') {
  const engine = createEngine(kb);
  run = (q) => engine.ask(q);
} else {
  const index = createBaselineIndex(kb);
  run = (q) => index.search(q);
}
const questions = loadQuestions().map((q) => q.q);
for (const q of questions) run(q);

/** One round over every question when asked: microseconds per question, in question order. */
parentPort?.on('message', () => {
  const us = new Float64Array(questions.length);
  questions.forEach((q, i) => {
    const start = performance.now();
    run(q);
    us[i] = (performance.now() - start) * 1000;
  });
  parentPort?.postMessage(us, [us.buffer]);
});
parentPort?.postMessage('ready');
