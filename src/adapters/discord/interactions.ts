/**
 * Interaction routing: slash subcommands, autocomplete, the message menu and buttons. Everything a
 * handler throws lands in the one catch site at the bottom: a UserError is shown to the user, any
 * other error is logged and the user gets a short apology, ephemerally.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import type { Answer } from '../../core/answer.js';
import { type Command, type CommandContext, findCommand } from '../../core/command.js';
import { UserError } from '../../core/errors.js';
import type { AdapterDeps } from '../adapter.js';
import { COMMAND_NAME, discordUsage, MESSAGE_COMMAND_NAME } from './command-data.js';
import { decodeCustomId } from './custom-id.js';
import { clip, type DiscordReply, renderAnswer, renderNotice, renderShared } from './render.js';

export type InteractionOptions = {
  /**
   * Defer (a "thinking…" placeholder) when the interaction is already this old when the handler
   * gets it, by its snowflake timestamp: the gateway delivered it late or the event loop was backed
   * up. Discord drops a reply that comes later than 3 s; a deferral buys 15 minutes. Answers are
   * built synchronously, so this is decided before building: nothing can interrupt a build to defer.
   * 0 defers every reply.
   */
  deferAfterMs: number;
};

export const DEFAULT_INTERACTION_OPTIONS: InteractionOptions = { deferAfterMs: 1000 };

export const APOLOGY = 'Sorry, something went wrong on my side. Please try again in a moment.';
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

type Reply = { payload: DiscordReply; ephemeral: boolean };

export function createInteractionHandler(
  deps: AdapterDeps,
  options: InteractionOptions = DEFAULT_INTERACTION_OPTIONS,
): (interaction: Interaction) => Promise<void> {
  const { engine, commands, logger } = deps;
  const ctx: CommandContext = { engine, commands, usage: discordUsage };
  // Found by what the neutral options say they hold, never by command name.
  const questionCommand = findCommand(commands, 'questions');
  const topicCommand = findCommand(commands, 'topics');

  /**
   * Replies directly when the interaction is fresh; when it is already late, defers first and then
   * edits the placeholder. The deferral is awaited before building, because a synchronous build would
   * otherwise hold the deferral request back until it finished.
   */
  async function send(
    interaction: RepliableInteraction,
    build: () => Reply,
    /** Whether a deferred reply is private: decided before the answer is known, so private unless sure. */
    deferEphemeral = true,
  ): Promise<void> {
    const ageMs = Date.now() - interaction.createdTimestamp;
    if (options.deferAfterMs <= 0 || ageMs > options.deferAfterMs) {
      await interaction.deferReply(deferEphemeral ? { flags: MessageFlags.Ephemeral } : {});
      await interaction.editReply(build().payload);
      return;
    }
    const reply = build();
    await interaction.reply({
      ...reply.payload,
      ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
  }

  const run = (command: Command, args: Record<string, string | undefined>): Answer => command.run(args, ctx);

  async function onChatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    if (interaction.commandName !== COMMAND_NAME)
      throw new UserError(`I only know /${COMMAND_NAME}. Try /${COMMAND_NAME} help.`);
    const name = interaction.options.getSubcommand(false);
    const command = commands.find((c) => c.name === name);
    if (!command) throw new UserError(`I don't know that command. Try /${COMMAND_NAME} help.`);
    const args: Record<string, string | undefined> = {};
    for (const o of command.options) args[o.name] = interaction.options.getString(o.name) ?? undefined;
    await send(interaction, () => ({
      payload: renderAnswer(run(command, args), { share: true }),
      ephemeral: true,
    }));
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = commands.find((c) => c.name === interaction.options.getSubcommand(false));
    const focused = interaction.options.getFocused(true);
    const option = command?.options.find((o) => o.name === focused.name);
    if (option?.autocomplete !== 'questions') {
      await interaction.respond([]);
      return;
    }
    const seen = new Set<string>();
    const choices: { name: string; value: string }[] = [];
    for (const q of engine.suggestQuestions(String(focused.value), MAX_CHOICES)) {
      const value = clip(q.trim(), MAX_CHOICE_CHARS);
      if (!value || seen.has(value)) continue;
      seen.add(value);
      choices.push({ name: value, value });
    }
    await interaction.respond(choices.slice(0, MAX_CHOICES));
  }

  async function onMessageMenu(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    if (interaction.commandName !== MESSAGE_COMMAND_NAME || !questionCommand)
      throw new UserError(`I don't know that command. Try /${COMMAND_NAME} help.`);
    const text = interaction.targetMessage.content.trim();
    if (!text)
      throw new UserError(
        `That message has no text I can read. Try /${COMMAND_NAME} ask with the question instead.`,
      );
    const option = questionCommand.options.find((o) => o.autocomplete === 'questions');
    await send(interaction, () => {
      const answer = run(questionCommand, option ? { [option.name]: text } : {});
      // A member answering someone else's question wants it seen; a miss stays private.
      const ephemeral = !answer.answered;
      return { payload: renderAnswer(answer, { share: ephemeral }), ephemeral };
    });
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const action = decodeCustomId(interaction.customId);
    if (!action) throw new UserError(`That button no longer works. Ask again with /${COMMAND_NAME} ask.`);
    switch (action.action) {
      case 'topic': {
        const option = topicCommand?.options.find((o) => o.choices === 'topics');
        if (!topicCommand || !option) throw new Error('discord: no command takes a topic');
        await send(interaction, () => ({
          payload: renderAnswer(run(topicCommand, { [option.name]: action.topic }), { share: true }),
          ephemeral: true,
        }));
        return;
      }
      case 'share': {
        const embeds = interaction.message.embeds.map((e) => e.toJSON());
        if (embeds.length === 0) throw new UserError('There is no answer on that message to share.');
        await send(
          interaction,
          () => ({
            payload: renderShared(embeds, action.ref, interaction.user.id),
            ephemeral: false,
          }),
          false,
        );
        return;
      }
      case 'feedback': {
        logger.info(
          {
            event: 'feedback',
            helpful: action.helpful,
            kind: action.ref.kind,
            topic: action.ref.topic,
            answer: interaction.message.embeds[0]?.title ?? null,
            messageId: interaction.message.id,
            userId: interaction.user.id,
            guildId: interaction.guildId,
          },
          'answer feedback',
        );
        await interaction.reply({
          ...renderNotice(
            action.helpful
              ? 'Thanks, noted that this answer helped.'
              : `Thanks, noted that this answer missed. /${COMMAND_NAME} sources lists what I know.`,
          ),
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
    }
  }

  async function route(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return onChatInput(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isMessageContextMenuCommand()) return onMessageMenu(interaction);
    if (interaction.isButton()) return onButton(interaction);
    throw new UserError(`I can't handle that yet. Try /${COMMAND_NAME} help.`);
  }

  function describe(interaction: Interaction) {
    return {
      interactionId: interaction.id,
      type: interaction.type,
      command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
      customId: interaction.isMessageComponent() ? interaction.customId : undefined,
      userId: interaction.user.id,
      guildId: interaction.guildId,
    };
  }

  /** The one catch site. */
  return async function handle(interaction: Interaction): Promise<void> {
    try {
      await route(interaction);
    } catch (err) {
      const shown = err instanceof UserError;
      if (shown) logger.info({ ...describe(interaction), message: err.message }, 'discord: user error');
      else logger.error({ err, ...describe(interaction) }, 'discord: interaction failed');
      try {
        if (interaction.isAutocomplete()) {
          if (!interaction.responded) await interaction.respond([]);
          return;
        }
        if (!interaction.isRepliable()) return;
        const notice = renderNotice(shown ? err.message : APOLOGY);
        if (interaction.deferred && !interaction.replied) await interaction.editReply(notice);
        else if (interaction.replied)
          await interaction.followUp({ ...notice, flags: MessageFlags.Ephemeral });
        else await interaction.reply({ ...notice, flags: MessageFlags.Ephemeral });
      } catch (replyErr) {
        // The interaction may have expired or Discord may be down: nothing left to tell the user.
        logger.warn({ err: replyErr, ...describe(interaction) }, 'discord: could not send the apology');
      }
    }
  };
}
