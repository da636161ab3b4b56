import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { z } from 'zod';

export const EVAL_DIR = fileURLToPath(new URL('../../tests/eval/', import.meta.url));

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

/** Every labelled question in the YAML files of tests/eval/, file by file in name order. */
export function loadQuestions(dir: string = EVAL_DIR): Labelled[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.flatMap((name) => {
    const file = join(dir, name);
    const parsed = z.array(Labelled).safeParse(load(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: entry ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data;
  });
}
