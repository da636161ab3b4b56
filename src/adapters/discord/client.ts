/**
 * The Discord adapter: a discord.js Client wired to the interaction handler. Start-up only logs in;
 * registering commands is `npm run deploy:discord`, a separate step.
 */
import { Client, Events, GatewayIntentBits, Options, RESTEvents } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import {
  createInteractionHandler,
  DEFAULT_INTERACTION_OPTIONS,
  type InteractionOptions,
} from './interactions.js';
import { NO_MENTIONS } from './render.js';

export type DiscordAdapterOptions = InteractionOptions;

/** "http://host/api/" -> "http://host/api": @discordjs/rest appends "/v10/..." itself. */
export function restBase(apiUrl: string | undefined): { api: string } | Record<string, never> {
  return apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {};
}

export function createDiscordClient(
  config: DiscordConfig,
  deps: AdapterDeps,
  options: Partial<DiscordAdapterOptions> = {},
): Client {
  const { logger } = deps;
  const client = new Client({
    // Slash commands, the message menu and buttons arrive as interactions: no privileged intents.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: restBase(config.apiUrl),
    // Interactions carry what the bot needs; caching messages would only cost memory per guild.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
  const handle = createInteractionHandler(deps, { ...DEFAULT_INTERACTION_OPTIONS, ...options });
  client.on(Events.InteractionCreate, (interaction) => {
    void handle(interaction);
  });
  // Without an 'error' listener an emitted error would end the process.
  client.on(Events.Error, (err) => logger.error({ err }, 'discord: client error'));
  client.on(Events.ShardError, (err, shardId) => logger.error({ err, shardId }, 'discord: shard error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord: warning'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope },
      'discord: rate limited, retrying',
    ),
  );
  return client;
}

/** Logs in and resolves once the gateway says READY; `stop` disconnects. */
export async function startDiscord(
  config: DiscordConfig,
  deps: AdapterDeps,
  options: Partial<DiscordAdapterOptions> = {},
): Promise<RunningAdapter> {
  const client = createDiscordClient(config, deps, options);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  }
  deps.logger.info(
    {
      user: client.user?.tag,
      shards: client.ws.shards.map((s) => s.id),
      shardCount: client.options.shardCount,
    },
    'discord: connected',
  );
  return {
    name: 'discord',
    stop: () => client.destroy(),
  };
}
