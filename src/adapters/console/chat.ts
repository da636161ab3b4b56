import { createInterface } from 'node:readline';
import { defaultUsage, parseCommandText } from '../../core/command.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import { renderText } from './render.js';

/**
 * The local chat: what `npm start` runs with no platform token. Lines starting with "/" are
 * commands (/topic licensing, /timeline, /sources, /help); anything else is a question.
 */
export function startConsoleChat(
  deps: AdapterDeps,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; banner?: string } = {
    input: process.stdin,
    output: process.stdout,
  },
): RunningAdapter & { closed: Promise<void> } {
  const { engine, commands, logger } = deps;
  const ctx = { engine, commands, usage: defaultUsage('/') };
  const rl = createInterface({
    input: io.input,
    output: io.output,
    prompt: '> ',
    terminal: 'isTTY' in io.input,
  });
  const write = (text: string) => io.output.write(`${text}\n`);

  let quit = false;
  if (io.banner) write(io.banner);
  rl.prompt();
  rl.on('line', (line) => {
    const text = line.trim();
    if (quit) return;
    if (text === '/quit' || text === '/exit') {
      // Lines typed or piped after /quit are still delivered by readline: ignore them.
      quit = true;
      rl.close();
      return;
    }
    if (text) {
      try {
        const name = text.startsWith('/') ? text.slice(1).split(/\s+/)[0]?.toLowerCase() : undefined;
        if (name !== undefined && !commands.some((c) => c.name === name)) {
          write(
            `Unknown command /${name.slice(0, 40)}. Commands: ${commands.map((c) => `/${c.name}`).join(', ')}.`,
          );
        } else {
          const parsed =
            name !== undefined
              ? parseCommandText(text.slice(1), commands)
              : parseCommandText(`ask ${text}`, commands);
          if (parsed) write(`\n${renderText(parsed.command.run(parsed.args, ctx))}\n`);
        }
      } catch (err) {
        logger.error({ err }, 'console: command failed');
        write('Sorry, something went wrong answering that. Please try again.');
      }
    }
    rl.prompt();
  });
  const closed = new Promise<void>((resolve) => rl.on('close', resolve));
  return {
    name: 'console',
    closed,
    stop: async () => {
      rl.close();
    },
  };
}
