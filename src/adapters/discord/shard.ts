/**
 * One shard, as spawned by shard-manager.ts: the same bot as `npm start`, Discord only. discord.js
 * reads the shard id and count the manager put in the environment (SHARDS, SHARD_COUNT).
 */
import { commands } from '../../../commands/index.js';
import { loadConfig } from '../../config.js';
import { createEngine } from '../../core/engine.js';
import { ConfigError, UserError } from '../../core/errors.js';
import { loadKnowledge } from '../../core/knowledge/load.js';
import { createLogger } from '../../logger.js';
import { startDiscord } from './client.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.discord) throw new ConfigError('Set DISCORD_TOKEN: the bot token from the Developer Portal.');
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  const running = await startDiscord(config.discord, {
    engine: createEngine(loadKnowledge()),
    commands,
    logger,
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop().catch((err: unknown) => logger.error({ err }, 'discord: stop failed'));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The manager went away (crashed or was killed): do not linger as an orphan holding a session.
  process.once('disconnect', stop);
}

await main().catch((err: unknown) => {
  process.stderr.write(
    err instanceof UserError
      ? `${err.message}\n`
      : `Shard could not start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(err instanceof UserError ? 2 : 1);
});
