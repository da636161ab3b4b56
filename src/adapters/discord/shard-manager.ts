/**
 * `npm run start:sharded`: runs the bot as several shard processes under discord.js's
 * ShardingManager, for installs past Discord's 2,500 guilds per connection. Each shard is
 * shard.ts, the same bot as `npm start`.
 */
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import { restBase } from './client.js';
import { runEntry } from './entry.js';

export const SHARD_FILE = fileURLToPath(new URL('./shard.ts', import.meta.url));

export type ShardManagerOptions = {
  logger: Logger;
  /** Passed to the shards as LOG_LEVEL. */
  logLevel: string;
  /**
   * Pause between starting shards. Discord accepts one IDENTIFY per 5 s per concurrency bucket;
   * the default keeps to it.
   */
  spawnDelayMs: number;
  /** How long one shard may take to reach READY. */
  readyTimeoutMs: number;
  /** Restart a shard whose process dies. */
  respawn: boolean;
};

export type RunningShards = {
  manager: ShardingManager;
  totalShards: number;
  stop(): Promise<void>;
};

/**
 * The shard count Discord recommends, asked through DISCORD_API_URL when set: discord.js's own
 * 'auto' asks discord.com directly and would bypass a REST proxy.
 */
export async function recommendedShardCount(config: DiscordConfig): Promise<number> {
  const rest = new REST(restBase(config.apiUrl)).setToken(config.token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, info.shards);
}

export async function startShardManager(
  config: DiscordConfig,
  options: Partial<ShardManagerOptions> & Pick<ShardManagerOptions, 'logger'>,
): Promise<RunningShards> {
  const { logger, logLevel = 'info', spawnDelayMs = 5500, readyTimeoutMs = 60_000, respawn = true } = options;
  const totalShards = await recommendedShardCount(config);
  const manager = new ShardingManager(SHARD_FILE, {
    token: config.token,
    totalShards,
    mode: 'process',
    respawn,
    // The shard is TypeScript, run as `npm start` runs main.ts, with V8's thread pool sized to the
    // machine (see package.json's start script and the README's Speed section).
    execArgv: ['--v8-pool-size=0', '--import', 'tsx'],
  });
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    // The shards read their settings from the environment, as main.ts does: hand down what this
    // process was configured with, which may not have come from its own environment.
    if (shard.env && typeof shard.env === 'object')
      Object.assign(shard.env, {
        LOG_LEVEL: logLevel,
        ...(config.apiUrl ? { DISCORD_API_URL: config.apiUrl } : {}),
      });
    shard.on('ready', () => logger.info({ shard: shard.id, totalShards }, 'discord: shard ready'));
    shard.on('death', () => {
      if (stopping) logger.info({ shard: shard.id }, 'discord: shard stopped');
      else logger.warn({ shard: shard.id, respawn: manager.respawn }, 'discord: shard process exited');
    });
    shard.on('error', (err) => logger.error({ err, shard: shard.id }, 'discord: shard error'));
  });
  logger.info({ totalShards }, 'discord: spawning shards');

  /**
   * Kills every shard that still has a process. A shard that died or never spawned has none, and
   * discord.js's Shard.kill() throws on it: skip it and carry on, so one dead shard never leaves the
   * others running.
   */
  const stop = async () => {
    stopping = true;
    manager.respawn = false;
    const exits: Promise<unknown>[] = [];
    for (const shard of manager.shards.values()) {
      const child = shard.process;
      if (!child) continue;
      try {
        if (child.exitCode === null && child.signalCode === null)
          exits.push(once(child, 'exit').catch(() => undefined));
        shard.kill();
      } catch (err) {
        logger.error({ err, shard: shard.id }, 'discord: could not stop a shard');
      }
    }
    await Promise.all(exits);
  };

  try {
    await manager.spawn({ amount: totalShards, delay: spawnDelayMs, timeout: readyTimeoutMs });
  } catch (err) {
    // Whatever happens while cleaning up, the caller gets the error that stopped the spawn.
    await stop().catch((stopErr: unknown) =>
      logger.error({ err: stopErr }, 'discord: could not stop the shards after a failed spawn'),
    );
    throw err;
  }
  logger.info({ totalShards }, 'discord: all shards ready');
  return { manager, totalShards, stop };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await runEntry(({ config, logLevel, logger }) => startShardManager(config, { logger, logLevel }), {
    failure: 'Could not start the shards',
  });
