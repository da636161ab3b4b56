import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const EVAL_FILE = fileURLToPath(new URL('../../tests/eval/questions.yaml', import.meta.url));

const Labelled = z.union([
  z.strictObject({
    q: z.string().min(1),
    expect: z.array(z.string()).min(1),
    split: z.enum(['tune', 'report']),
  }),
  z.strictObject({
    q: z.string().min(1),
    expect: z.literal('unanswerable'),
    adversarial: z.boolean(),
    split: z.enum(['tune', 'report']),
  }),
]);
export type Labelled = z.infer<typeof Labelled>;

export function loadQuestions(file: string = EVAL_FILE): Labelled[] {
  const parsed = z.array(Labelled).safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: entry ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
