/**
 * Composition root: config -> knowledge -> engine -> adapters. Slack and Discord start when their
 * variables are set; with neither, the terminal chat runs so the bot is still useful locally.
 */
import { commands } from '../commands/index.js';
import type { AdapterDeps, RunningAdapter } from './adapters/adapter.js';
import { loadConfig } from './config.js';
import { createEngine } from './core/engine.js';
import { UserError } from './core/errors.js';
import { loadKnowledge } from './core/knowledge/load.js';
import { createLogger } from './logger.js';

const CONNECT_HINT = `No Slack or Discord token is set, so this is the local chat.
To connect Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode).
To connect Discord, set DISCORD_TOKEN (and run npm run deploy:discord once). See README.md.
Ask a question, or type /help, /topic licensing, /timeline, /sources, /quit.`;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const engine = createEngine(loadKnowledge());
  const deps: AdapterDeps = { engine, commands, logger };
  const running: RunningAdapter[] = [];

  // Platform SDKs load only when used: the local chat starts without paying for them.
  if (config.slack) {
    const { startSlack } = await import('./adapters/slack/app.js');
    running.push(await startSlack(config.slack, deps));
  }
  if (config.discord) {
    const { startDiscord } = await import('./adapters/discord/client.js');
    running.push(await startDiscord(config.discord, deps));
  }

  const stop = async () => {
    await Promise.allSettled(running.map((r) => r.stop()));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (running.length === 0) {
    const { startConsoleChat } = await import('./adapters/console/chat.js');
    const chat = startConsoleChat(deps, {
      input: process.stdin,
      output: process.stdout,
      banner: CONNECT_HINT,
    });
    await chat.closed;
    return;
  }
  logger.info({ adapters: running.map((r) => r.name), startupMs: Math.round(performance.now()) }, 'ready');
}

main().catch((err: unknown) => {
  // Bad config or knowledge: one line naming what to fix, no stack trace.
  if (err instanceof UserError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
