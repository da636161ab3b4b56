import type { Command } from '../src/core/command.js';
import { MAX_QUESTION_CHARS } from '../src/core/engine.js';

export const ask = {
  name: 'ask',
  description: 'Ask a question about the April 2026 Microsoft–OpenAI partnership restructuring',
  options: [
    {
      name: 'question',
      description: 'Your question, e.g. "When does the IP licence end?"',
      required: true,
      autocomplete: 'questions',
      maxLength: MAX_QUESTION_CHARS,
    },
  ],
  run: (args, { engine }) => engine.ask(args.question ?? ''),
} satisfies Command;
