import { makeAnswer } from '../src/core/answer.js';
import type { Command } from '../src/core/command.js';

export const help = {
  name: 'help',
  description: 'How to use the bot',
  options: [],
  run: (_args, { engine, commands, usage }) => {
    const lines = commands.map((c) => `• ${usage(c)}: ${c.description}`);
    const examples = engine.suggestQuestions('', 3).map((q) => `• ${q}`);
    return makeAnswer(
      'info',
      'I answer questions about the April 2026 restructuring of the Microsoft–OpenAI partnership, ' +
        'citing my sources for every claim, and I say so when my sources do not cover a question.\n' +
        `${lines.join('\n')}\nTry:\n${examples.join('\n')}`,
      engine.kb.asOf,
      {
        title: 'Help',
        suggestions: engine.kb.topics.slice(0, 5).map((t) => ({ topic: t.id, label: t.name })),
      },
    );
  },
} satisfies Command;
