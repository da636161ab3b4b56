import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startConsoleChat } from '../../src/adapters/console/chat.js';
import { createLogger } from '../../src/logger.js';
import { realEngine } from '../helpers.js';

/** Types lines into the real chat loop and returns everything it printed. */
async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => {
    printed += c.toString();
  });
  const session = startConsoleChat(
    { engine: realEngine(), commands, logger: createLogger('silent') },
    { input, output, banner: 'hello' },
  );
  input.end(`${lines.join('\n')}\n`);
  await session.closed;
  return printed;
}

describe('the terminal chat', () => {
  it('answers questions and runs commands', async () => {
    const out = await chat([
      'is the ip licence exclusive?',
      '/topic revenue',
      '/timeline',
      '/sources',
      '/help',
    ]);
    expect(out.startsWith('hello\n')).toBe(true);
    expect(out).toMatch(/non-exclusive licence \[1\]\./);
    expect(out).toContain('Topic: Revenue share');
    expect(out).toContain('Timeline');
    expect(out).toMatch(/• 2022: /);
    expect(out).toContain('I answer only from these sources');
    expect(out).toContain('/topic <name>: Everything the sources say on one topic, cited');
  });

  it('abstains with topic suggestions, and names unknown commands', async () => {
    const out = await chat(['What does GPT cost per token on Bedrock?', '/weather', '/topic']);
    expect(out).toContain("My sources don't cover that.");
    expect(out).toMatch(/Try: \/topic [a-z-]+/);
    expect(out).toContain('Unknown command /weather. Commands: /ask, /topic, /timeline, /sources, /help.');
    expect(out).toContain('Which topic? Topics:');
  });

  it('stops at /quit', async () => {
    const out = await chat(['/quit', 'is the agi clause gone?']);
    expect(out).not.toContain('AGI clause [1]');
  });
});
