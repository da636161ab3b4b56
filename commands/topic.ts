import type { Command } from '../src/core/command.js';

export const topic = {
  name: 'topic',
  description: 'Everything the sources say on one topic, cited',
  options: [
    {
      name: 'name',
      description: 'The topic, e.g. licensing or revenue-share',
      required: true,
      choices: 'topics',
    },
  ],
  run: (args, { engine }) => engine.topic(args.name ?? ''),
} satisfies Command;
