import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { defaultUsage, findCommand, parseCommandText } from '../../src/core/command.js';
import { realEngine } from '../helpers.js';

const ctx = { engine: realEngine(), commands, usage: defaultUsage('/') };
const parse = (text: string) => {
  const parsed = parseCommandText(text, commands);
  return { name: parsed?.command.name, args: parsed?.args };
};

describe('commands', () => {
  it('has one command per file, each with a description and options Discord and Slack can show', () => {
    expect(commands.map((c) => c.name)).toEqual(['ask', 'topic', 'timeline', 'sources', 'help']);
    for (const c of commands) {
      expect(c.name).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      for (const o of c.options) expect(o.description.length).toBeLessThanOrEqual(100);
    }
  });

  it('reads free text as a command only when it fits the command', () => {
    expect(parse('topic licensing')).toEqual({ name: 'topic', args: { name: 'licensing' } });
    expect(parse('TIMELINE')).toEqual({ name: 'timeline', args: {} });
    expect(parse('help')).toEqual({ name: 'help', args: {} });
    expect(parse('help me understand the revenue cap')).toEqual({
      name: 'ask',
      args: { question: 'help me understand the revenue cap' },
    });
    expect(parse('ask is the agi clause gone')).toEqual({
      name: 'ask',
      args: { question: 'is the agi clause gone' },
    });
    expect(parse('sources for the IPO claim?')).toEqual({
      name: 'ask',
      args: { question: 'sources for the IPO claim?' },
    });
  });

  it('runs every command to an Answer', () => {
    const answers = {
      ask: commands[0]?.run({ question: 'Was the AGI clause kept?' }, ctx),
      topic: commands[1]?.run({ name: 'bedrock' }, ctx),
      timeline: commands[2]?.run({}, ctx),
      sources: commands[3]?.run({}, ctx),
      help: commands[4]?.run({}, ctx),
    };
    expect(answers.ask?.kind).toBe('answer');
    expect(answers.topic?.title).toBe('Topic: OpenAI on Amazon Bedrock');
    expect(answers.timeline?.citations.length).toBeGreaterThan(5);
    expect(answers.sources?.kind).toBe('info');
    for (const c of commands) expect(answers.help?.text).toContain(defaultUsage('/')(c));
    expect(defaultUsage('/partnership ')(commands[1] as (typeof commands)[number])).toBe(
      '/partnership topic <name>',
    );
  });
});

describe('findCommand', () => {
  it('finds commands by what their options take, not by name', () => {
    expect(findCommand(commands, 'questions')?.name).toBe('ask');
    expect(findCommand(commands, 'topics')?.name).toBe('topic');
    const renamed = commands.map((c) => ({ ...c, name: `x-${c.name}` }));
    expect(findCommand(renamed, 'questions')?.name).toBe('x-ask');
    expect(findCommand([], 'topics')).toBeUndefined();
  });
});
