import type { Command } from '../src/core/command.js';

export const timeline = {
  name: 'timeline',
  description: 'The dated events in order, cited',
  options: [],
  run: (_args, { engine }) => engine.timeline(),
} satisfies Command;
