/**
 * `npm run deploy:discord`: registers /partnership and the message menu command. To one guild when
 * DISCORD_GUILD_ID is set (instant, for testing), else globally. A PUT of the whole list replaces
 * what was there, so running it twice changes nothing. Start-up never registers commands.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { commands as allCommands } from '../../../commands/index.js';
import { type DiscordConfig, loadDiscordDeployConfig } from '../../config.js';
import type { Command } from '../../core/command.js';
import { UserError } from '../../core/errors.js';
import { loadKnowledge } from '../../core/knowledge/load.js';
import type { Topic } from '../../core/knowledge/schema.js';
import { restBase } from './client.js';
import { buildCommandData } from './command-data.js';

export type DeployResult = { scope: 'guild' | 'global'; route: string; names: string[] };

export async function deployCommands(
  config: DiscordConfig & { applicationId: string },
  commands: readonly Command[],
  topics: readonly Topic[],
): Promise<DeployResult> {
  const body = buildCommandData(commands, topics);
  const rest = new REST(restBase(config.apiUrl)).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  await rest.put(route, { body });
  return { scope: config.guildId ? 'guild' : 'global', route, names: body.map((c) => c.name) };
}

/** Turns what Discord says into the one thing to fix. */
function explain(err: unknown): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof DiscordAPIError) {
    if (err.status === 401) return 'Discord refused the token (401): check DISCORD_TOKEN.';
    if (err.status === 403 || err.status === 404)
      return (
        `Discord answered ${err.status} (${err.message}): check that DISCORD_APPLICATION_ID is this bot's ` +
        'application and, with DISCORD_GUILD_ID, that the bot was invited to that server with the ' +
        'applications.commands scope.'
      );
    return `Discord rejected the commands (${err.status}): ${err.message}`;
  }
  return `Could not register the commands: ${err instanceof Error ? err.message : String(err)}`;
}

async function main(): Promise<void> {
  try {
    const config = loadDiscordDeployConfig();
    const result = await deployCommands(config, allCommands, loadKnowledge().topics);
    const list = result.names.map((n) => `"${n}"`).join(', ');
    process.stdout.write(
      result.scope === 'guild'
        ? `Registered ${list} in guild ${config.guildId}: they show up there at once.\n`
        : `Registered ${list} globally: every server the bot is in gets them, which can take a few minutes.\n`,
    );
  } catch (err) {
    process.stderr.write(`${explain(err)}\n`);
    process.exitCode = err instanceof UserError ? 2 : 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
