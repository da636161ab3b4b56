/**
 * `npm run ask -- "question"`: one answer as text. `--json`: one JSON object. `--json` with no
 * question: one question per stdin line, one JSON object per stdout line, in the same order.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Answer } from '../../core/answer.js';
import { createEngine, type Engine } from '../../core/engine.js';
import { UserError } from '../../core/errors.js';
import { loadKnowledge } from '../../core/knowledge/load.js';
import { renderText } from './render.js';

const USAGE =
  'Usage: npm run ask -- "your question" [--json]   (or --json with one question per line on stdin)';

/** The stable JSON shape of one answer, as documented in the README. */
export function answerJson(question: string, answer: Answer) {
  return {
    question,
    answered: answer.answered,
    text: answer.text,
    citations: answer.citations.map(({ n, factId, title, publishers, date, section }) => ({
      n,
      factId,
      title,
      publishers,
      date,
      section,
    })),
    topic: answer.topic,
    suggestions: answer.suggestions,
  };
}

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function answerStdin(engine: Engine): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    // Each line gets exactly one output line, even an empty one, so outputs stay aligned with inputs.
    const ok = process.stdout.write(`${JSON.stringify(answerJson(line, engine.ask(line)))}\n`);
    if (!ok) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

async function main(): Promise<void> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { json: { type: 'boolean' }; help: { type: 'boolean' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const engine = createEngine(loadKnowledge());
  if (positionals.length === 0) {
    if (values.json) return answerStdin(engine);
    fail(USAGE, 2);
  }
  const question = positionals.join(' ');
  const answer = engine.ask(question);
  if (answer.kind === 'error') fail(answer.text, 2);
  process.stdout.write(
    `${values.json ? JSON.stringify(answerJson(question, answer)) : renderText(answer)}\n`,
  );
}

// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

main().catch((err: unknown) => {
  fail(
    err instanceof UserError
      ? err.message
      : `Something went wrong: ${err instanceof Error ? err.message : String(err)}`,
    1,
  );
});
