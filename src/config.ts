import { z } from 'zod';
import { ConfigError } from './core/errors.js';

/**
 * The only place that reads process.env. Every problem names the variable to set, in one line.
 */

const optional = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.trim().optional());
const url = z.string().url('must be a URL such as http://127.0.0.1:8080/api/');
const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (15 to 21 digits)');

const Env = z.object({
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: optional(
    z.string().regex(/^[0-9a-f]{16,}$/i, 'must be the hex signing secret from Basic Information'),
  ),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-')),
  SLACK_API_URL: optional(url),
  PORT: z.preprocess(
    (v) =>
      v === undefined || v === '' ? undefined : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v,
    z
      .number({ error: 'must be a port number from 1 to 65535' })
      .int('must be a whole number')
      .min(1, 'must be 1 to 65535')
      .max(65535, 'must be 1 to 65535')
      .default(3000),
  ),
  DISCORD_TOKEN: optional(
    z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'must be a bot token (three dot-separated parts)'),
  ),
  DISCORD_API_URL: optional(url.regex(/\/api\/?$/, 'must end in /api, e.g. http://127.0.0.1:8080/api')),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type SlackConfig = {
  botToken: string;
  /** Required in HTTP mode; Socket Mode does not sign requests. */
  signingSecret: string | undefined;
  /** Set: Socket Mode. Unset: HTTP mode on `port`. */
  appToken: string | undefined;
  apiUrl: string | undefined;
  port: number;
};

export type DiscordConfig = {
  token: string;
  apiUrl: string | undefined;
  applicationId: string | undefined;
  guildId: string | undefined;
};

export type Config = {
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
};

function parseEnv(env: NodeJS.ProcessEnv) {
  const result = Env.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new ConfigError(`Set ${name}: it ${issue?.message ?? 'is invalid'}.`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(env);
  let slack: SlackConfig | null = null;
  const slackVars = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN].some(Boolean);
  if (slackVars) {
    if (!e.SLACK_BOT_TOKEN)
      throw new ConfigError(
        'Set SLACK_BOT_TOKEN: the other Slack variables are set but the bot token (xoxb-...) is not.',
      );
    if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET)
      throw new ConfigError(
        'Set SLACK_SIGNING_SECRET for HTTP mode, or SLACK_APP_TOKEN (xapp-...) for Socket Mode.',
      );
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
    };
  }
  const discord: DiscordConfig | null = e.DISCORD_TOKEN
    ? {
        token: e.DISCORD_TOKEN,
        apiUrl: e.DISCORD_API_URL,
        applicationId: e.DISCORD_APPLICATION_ID,
        guildId: e.DISCORD_GUILD_ID,
      }
    : null;
  return { logLevel: e.LOG_LEVEL, slack, discord };
}

/** What `npm run deploy:discord` needs: a token and the application id, the guild optional. */
export function loadDiscordDeployConfig(
  env: NodeJS.ProcessEnv = process.env,
): DiscordConfig & { applicationId: string } {
  const e = parseEnv(env);
  if (!e.DISCORD_TOKEN) throw new ConfigError('Set DISCORD_TOKEN: the bot token from the Developer Portal.');
  if (!e.DISCORD_APPLICATION_ID)
    throw new ConfigError('Set DISCORD_APPLICATION_ID: the application id from the Developer Portal.');
  return {
    token: e.DISCORD_TOKEN,
    apiUrl: e.DISCORD_API_URL,
    applicationId: e.DISCORD_APPLICATION_ID,
    guildId: e.DISCORD_GUILD_ID,
  };
}
