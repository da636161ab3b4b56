import type { Command } from '../src/core/command.js';

export const sources = {
  name: 'sources',
  description: 'What the bot knows and where it comes from',
  options: [],
  run: (_args, { engine }) => engine.sources(),
} satisfies Command;
