/**
 * commands/ -> Discord application commands: one `/partnership` chat-input command whose
 * subcommands are the neutral commands, plus the message context-menu command. The builders
 * validate names, lengths and counts, so a command Discord would reject fails here, locally.
 */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  type RESTPutAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { Command, CommandOption } from '../../core/command.js';
import type { Topic } from '../../core/knowledge/schema.js';
import { clip } from './render.js';

export const COMMAND_NAME = 'partnership';
export const MESSAGE_COMMAND_NAME = 'Ask the partnership bot';
const COMMAND_DESCRIPTION = 'Cited answers about the April 2026 Microsoft–OpenAI partnership restructuring';

const MAX_DESCRIPTION = 100;
const MAX_CHOICES = 25;
const MAX_STRING_OPTION = 6000;

/** How a Discord user types a command, e.g. "/partnership topic name:<name>" (for help texts). */
export function discordUsage(command: Command): string {
  return [
    `/${COMMAND_NAME} ${command.name}`,
    ...command.options.map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}:…]`)),
  ].join(' ');
}

function addOption(
  sub: SlashCommandSubcommandBuilder,
  option: CommandOption,
  topics: readonly Topic[],
): void {
  sub.addStringOption((o) => {
    o.setName(option.name)
      .setDescription(clip(option.description, MAX_DESCRIPTION))
      .setRequired(option.required);
    if (option.maxLength) o.setMaxLength(Math.min(option.maxLength, MAX_STRING_OPTION));
    if (option.choices === 'topics')
      o.addChoices(
        ...topics.slice(0, MAX_CHOICES).map((t) => ({ name: clip(t.name, MAX_DESCRIPTION), value: t.id })),
      );
    else if (option.autocomplete === 'questions') o.setAutocomplete(true);
    return o;
  });
}

export function buildCommandData(
  commands: readonly Command[],
  topics: readonly Topic[],
): RESTPutAPIApplicationCommandsJSONBody {
  const slash = new SlashCommandBuilder().setName(COMMAND_NAME).setDescription(COMMAND_DESCRIPTION);
  for (const command of commands) {
    slash.addSubcommand((sub) => {
      sub.setName(command.name).setDescription(clip(command.description, MAX_DESCRIPTION));
      // Discord wants required options before optional ones.
      const ordered = [...command.options].sort((a, b) => Number(b.required) - Number(a.required));
      for (const option of ordered) addOption(sub, option, topics);
      return sub;
    });
  }
  const menu = new ContextMenuCommandBuilder()
    .setName(MESSAGE_COMMAND_NAME)
    .setType(ApplicationCommandType.Message);
  return [slash.toJSON(), menu.toJSON()];
}
