/**
 * Start-up shared by the Discord process entries (shard.ts, shard-manager.ts): config, logger, the
 * unhandled-rejection log, one clean stop on SIGINT / SIGTERM, and a one-line exit when start-up
 * fails. src/main.ts does the same for `npm start`.
 */
import { type Config, type DiscordConfig, loadConfig } from '../../config.js';
import { ConfigError, UserError } from '../../core/errors.js';
import { createLogger, type Logger } from '../../logger.js';

export type EntryContext = { config: DiscordConfig; logLevel: Config['logLevel']; logger: Logger };

export type EntryOptions = {
  /** Start of the line printed when start-up fails, e.g. "Shard could not start". */
  failure: string;
  /** Stop on these process events too, besides SIGINT and SIGTERM. */
  stopOn?: readonly 'disconnect'[];
};

export async function runEntry(
  start: (ctx: EntryContext) => Promise<{ stop(): Promise<void> }>,
  options: EntryOptions,
): Promise<void> {
  try {
    const config = loadConfig();
    if (!config.discord) throw new ConfigError('Set DISCORD_TOKEN: the bot token from the Developer Portal.');
    const logger = createLogger(config.logLevel);
    process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
    const running = await start({ config: config.discord, logLevel: config.logLevel, logger });

    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await running.stop().catch((err: unknown) => logger.error({ err }, 'discord: stop failed'));
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (const event of options.stopOn ?? []) process.once(event, stop);
  } catch (err) {
    // Bad config: one line naming what to fix, no stack trace.
    process.stderr.write(
      err instanceof UserError
        ? `${err.message}\n`
        : `${options.failure}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(err instanceof UserError ? 2 : 1);
  }
}
