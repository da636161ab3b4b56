import type { Answer } from './answer.js';
import type { Engine } from './engine.js';

/** One option of a command, described once for every platform (Discord options, Slack text, CLI). */
export type CommandOption = {
  name: string;
  description: string;
  required: boolean;
  /** Offer the knowledge base's topics as the fixed choices. */
  choices?: 'topics';
  /** Suggest questions the knowledge base answers well while the user types. */
  autocomplete?: 'questions';
  maxLength?: number;
};

export type CommandContext = {
  engine: Engine;
  commands: readonly Command[];
  /** How a user invokes a command on this platform, e.g. "/partnership topic <name>". */
  usage: (command: Command) => string;
};

/** A slash command: neutral data plus a run function. It returns an Answer and never sends anything. */
export type Command = {
  name: string;
  description: string;
  options: readonly CommandOption[];
  run(args: Readonly<Record<string, string | undefined>>, ctx: CommandContext): Answer;
};

/** "/topic <name>" style usage, the default for platforms without a command prefix. */
export function defaultUsage(prefix = '/'): (command: Command) => string {
  return (command) =>
    [
      `${prefix}${command.name}`,
      ...command.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)),
    ].join(' ');
}

/**
 * Reads free text as a command: "topic licensing" runs topic, "timeline" runs timeline, and
 * anything else ("help me understand the cap") is a question for `ask`. A command word counts only
 * when what follows fits the command: commands without options take nothing after them.
 */
export function parseCommandText(
  text: string,
  commands: readonly Command[],
  fallback = 'ask',
): { command: Command; args: Record<string, string | undefined> } | undefined {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const remainder = rest.join(' ');
  const named = commands.find((c) => c.name === first.toLowerCase().replace(/^\//, ''));
  if (named && named.name !== fallback) {
    const option = named.options[0];
    if (!option && remainder === '') return { command: named, args: {} };
    if (option) return { command: named, args: { [option.name]: remainder || undefined } };
  }
  const ask = commands.find((c) => c.name === fallback);
  if (!ask) return undefined;
  const option = ask.options[0];
  const question = named?.name === fallback ? remainder : trimmed;
  return { command: ask, args: option ? { [option.name]: question } : {} };
}

/** What an option declares, for the two roles a platform routes input to without naming a command. */
const ROLES: Record<'questions' | 'topics', (option: CommandOption) => boolean> = {
  questions: (o) => o.autocomplete === 'questions',
  topics: (o) => o.choices === 'topics',
};

/**
 * The command taking free-text questions ('questions': an option with autocomplete 'questions') or
 * a topic ('topics': an option with choices 'topics'), so adapters never hard-code 'ask' or 'topic'.
 */
export function findCommand(commands: readonly Command[], by: 'questions' | 'topics'): Command | undefined {
  return commands.find((c) => c.options.some(ROLES[by]));
}
