import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  type ButtonAction,
  type MessageShortcut,
  type RespondArguments,
  type RespondFn,
  webApi,
} from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { Answer } from '../../core/answer.js';
import { type CommandContext, defaultUsage, findCommand, parseCommandText } from '../../core/command.js';
import { ConfigError, UserError } from '../../core/errors.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import { createBoltLogger } from './bolt-logger.js';
import { createDedupe } from './dedupe.js';
import {
  ACTION,
  decodeFeedback,
  decodeRunSpec,
  decodeSlackText,
  type RenderOptions,
  type RunSpec,
  renderAnswer,
  renderNotice,
  type SlackMessage,
} from './render.js';

/** Names declared in manifest.yaml: keep the two in step. */
export const SLASH_COMMAND = '/partnership';
export const SHORTCUT_CALLBACK_ID = 'ask_partnership_bot';

/**
 * What an empty `/partnership` or a bare mention runs: the user is asking how to use the bot. The
 * command data has no neutral mark for "explains usage", so this is the one name the adapter knows;
 * without such a command, empty text is an (empty) question and gets the engine's hint.
 */
const HELP = 'help';
const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';

/** What the WebClient retries: a few tries with backoff, so a 429 or a blip does not lose an answer. */
export type RetryConfig = { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };

export type SlackOptions = {
  /** HTTP mode's interface. All interfaces by default, since Slack must reach the app. */
  host?: string;
  retryConfig?: RetryConfig;
  /** Per-request timeout of Web API calls, in ms. */
  timeoutMs?: number;
  dedupeTtlMs?: number;
};

export type RunningSlack = RunningAdapter & {
  mode: 'http' | 'socket';
  /** The port HTTP mode listens on (useful with port 0); null in Socket Mode. */
  port: number | null;
};

const PRODUCTION_RETRY: RetryConfig = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 };

type WebApiPlatformError = Error & { code: string; data: { error: string } };
const isPlatformError = (err: unknown): err is WebApiPlatformError =>
  err instanceof Error && (err as { code?: unknown }).code === webApi.ErrorCode.PlatformError;

/** Slack errors the user can fix themselves become a UserError with the fix; anything else is a bug. */
function asUserError(err: unknown): UserError | null {
  if (err instanceof UserError) return err;
  if (isPlatformError(err) && ['not_in_channel', 'channel_not_found'].includes(err.data.error))
    return new UserError(
      "I can't post in this conversation yet: invite me first (`/invite @Partnership bot`), then try again.",
    );
  return null;
}

export async function startSlack(
  config: SlackConfig,
  deps: AdapterDeps,
  options: SlackOptions = {},
): Promise<RunningSlack> {
  const { engine, commands, logger } = deps;
  const log = logger.child({ adapter: 'slack' });
  const socketMode = config.appToken !== undefined;

  // "/partnership ask <question>" is what help shows; parseCommandText reads it, and bare questions too.
  const ctx: CommandContext = { engine, commands, usage: defaultUsage(`${SLASH_COMMAND} `) };

  const questionCommand = findCommand(commands, 'questions');
  const questionOption = questionCommand?.options.find((o) => o.autocomplete === 'questions');
  if (!questionCommand || !questionOption)
    throw new Error('slack: no command takes free-text questions (an option with autocomplete "questions")');
  const question = (text: string): RunSpec => ({
    command: questionCommand.name,
    args: { [questionOption.name]: text },
  });
  const parse = (text: string): RunSpec => {
    const trimmed = text.trim();
    if (trimmed === '' && commands.some((c) => c.name === HELP)) return { command: HELP, args: {} };
    const parsed = parseCommandText(trimmed, commands, questionCommand.name);
    return parsed ? { command: parsed.command.name, args: parsed.args } : question(trimmed);
  };
  const run = (spec: RunSpec): Answer => {
    const command = commands.find((c) => c.name === spec.command);
    if (!command) throw new UserError('That button no longer works. Please ask again.');
    return command.run(spec.args, ctx);
  };
  const topicCommand = findCommand(commands, 'topics');
  const topicOption = topicCommand?.options.find((o) => o.choices === 'topics');
  const topicRun: RenderOptions['topicRun'] = (topicId) =>
    topicCommand && topicOption
      ? { command: topicCommand.name, args: { [topicOption.name]: topicId } }
      : null;
  const buttonSpec = (value: string | undefined): RunSpec => {
    const spec = decodeRunSpec(value);
    if (!spec) throw new UserError('That button no longer works. Please ask again.');
    return spec;
  };
  const ephemeral = (respond: RespondFn) => (message: SlackMessage) =>
    respond({ response_type: 'ephemeral', replace_original: false, ...message } satisfies RespondArguments);

  /**
   * The adapter's one catch site. A UserError is shown to the user as is; anything else is logged
   * and the user gets a short apology. Nothing propagates: the app keeps serving.
   */
  const safely = async (
    turn: string,
    notify: (message: SlackMessage) => Promise<unknown>,
    work: () => Promise<void>,
  ): Promise<void> => {
    try {
      await work();
    } catch (err) {
      const userError = asUserError(err);
      if (userError) log.info({ turn, reason: userError.message }, 'slack: user error');
      else log.error({ err, turn }, 'slack: handler failed');
      try {
        await notify(renderNotice(userError ? userError.message : APOLOGY));
      } catch (notifyErr) {
        log.warn({ err: notifyErr, turn }, 'slack: could not tell the user about the failure');
      }
    }
  };

  const app = new App({
    token: config.botToken,
    ...(socketMode
      ? { socketMode: true, appToken: config.appToken }
      : { signingSecret: config.signingSecret }),
    logger: createBoltLogger(log),
    convoStore: false,
    // auth.test runs in init() below, where a rejected token becomes a one-line ConfigError.
    deferInitialization: true,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      retryConfig: options.retryConfig ?? PRODUCTION_RETRY,
      timeout: options.timeoutMs ?? 10_000,
    },
  });

  // Events are acknowledged before middleware runs, so a duplicate is simply not processed.
  const dedupe = createDedupe({ ttlMs: options.dedupeTtlMs });
  app.use(async ({ body, next, context }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && dedupe.seen(eventId)) {
      log.debug({ eventId, retryNum: context.retryNum }, 'slack: duplicate event skipped');
      return;
    }
    await next();
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    let acked = false;
    // Before the answer is acknowledged the apology goes in the ack; after, through response_url.
    const notify = async (message: SlackMessage) => {
      if (acked) return ephemeral(respond)(message);
      acked = true;
      await ack({ response_type: 'ephemeral', ...message });
    };
    await safely('command', notify, async () => {
      const spec = parse(decodeSlackText(command.text));
      const message = renderAnswer(run(spec), { rerun: spec, shareable: true, topicRun });
      // The engine answers in microseconds, so the answer itself is the acknowledgement.
      acked = true;
      await ack({ response_type: 'ephemeral', ...message });
    });
  });

  app.event('app_mention', async ({ event, context, client }) => {
    // Another bot mentioning us could start a reply loop.
    if (event.bot_id) return;
    const post = (message: SlackMessage) =>
      client.chat.postMessage({
        channel: event.channel,
        thread_ts: event.thread_ts ?? event.ts,
        unfurl_links: false,
        unfurl_media: false,
        ...message,
      });
    await safely('mention', post, async () => {
      const own = context.botUserId ? new RegExp(`<@${context.botUserId}(?:\\|[^>]*)?>`, 'g') : null;
      const text = decodeSlackText(own ? event.text.replace(own, ' ') : event.text);
      const spec = parse(text);
      await post(renderAnswer(run(spec), { rerun: spec, shareable: false, topicRun }));
    });
  });

  app.shortcut<MessageShortcut>(
    { callback_id: SHORTCUT_CALLBACK_ID, type: 'message_action' },
    async ({ shortcut, ack, client, respond }) => {
      await ack();
      await safely('shortcut', ephemeral(respond), async () => {
        const spec = question(decodeSlackText(shortcut.message.text ?? ''));
        const answer = run(spec);
        // Only a cited answer goes in the thread; a miss or a message without a question is told to
        // the user who used the shortcut alone, as the Discord message menu does.
        if (answer.kind !== 'answer') {
          await ephemeral(respond)(renderAnswer(answer, { rerun: spec, shareable: false, topicRun }));
          return;
        }
        await client.chat.postMessage({
          channel: shortcut.channel.id,
          thread_ts: shortcut.message.thread_ts ?? shortcut.message.ts,
          unfurl_links: false,
          unfurl_media: false,
          ...renderAnswer(answer, {
            rerun: spec,
            shareable: false,
            topicRun,
            attribution: { verb: 'Asked by', userId: shortcut.user.id },
          }),
        });
      });
    },
  );

  app.action<BlockAction<ButtonAction>>(ACTION.share, async ({ ack, action, body, respond }) => {
    await ack();
    await safely('share', ephemeral(respond), async () => {
      const spec = buttonSpec(action.value);
      const answer = run(spec);
      // A question cut to fit the button, or a stale one, must not post an error in the channel.
      if (answer.kind === 'error') {
        await ephemeral(respond)(renderNotice(`Nothing was shared: ${answer.text}`));
        return;
      }
      const message = renderAnswer(answer, {
        rerun: spec,
        shareable: false,
        topicRun,
        attribution: { verb: 'Shared by', userId: body.user.id },
      });
      await respond({ response_type: 'in_channel', replace_original: false, ...message });
    });
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${ACTION.topicPrefix}\\d+$`),
    async ({ ack, action, respond }) => {
      await ack();
      await safely('topic-button', ephemeral(respond), async () => {
        const spec = buttonSpec(action.value);
        await ephemeral(respond)(renderAnswer(run(spec), { rerun: spec, shareable: true, topicRun }));
      });
    },
  );

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(?:${ACTION.helpful}|${ACTION.notHelpful})$`),
    async ({ ack, action, body, respond }) => {
      await ack();
      await safely('feedback', ephemeral(respond), async () => {
        const helpful = action.action_id === ACTION.helpful;
        const about = decodeFeedback(action.value);
        log.info(
          {
            feedback: helpful ? 'helpful' : 'not_helpful',
            user: body.user.id,
            command: about?.command,
            kind: about?.kind,
            topic: about?.topic,
          },
          'slack: answer feedback',
        );
        await ephemeral(respond)(
          renderNotice(
            helpful ? 'Thanks, glad it helped.' : 'Thanks for telling me: this answer will be reviewed.',
          ),
        );
      });
    },
  );

  // Backstop for failures outside the handlers above (authorisation, middleware): log only.
  app.error(async (error) => {
    log.error({ err: error }, 'slack: unhandled error');
  });

  try {
    await app.init();
  } catch (err) {
    if (isPlatformError(err))
      throw new ConfigError(`Set SLACK_BOT_TOKEN: Slack rejected it (${err.data.error}).`);
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `could not reach the Slack Web API at ${config.apiUrl ?? 'https://slack.com/api/'} (${reason})`,
    );
  }

  let port: number | null = null;
  if (socketMode) {
    await app.start();
  } else {
    const server = await app.start({ port: config.port, ...(options.host ? { host: options.host } : {}) });
    port = (server.address() as AddressInfo | null)?.port ?? config.port;
  }
  log.info({ mode: socketMode ? 'socket' : 'http', port }, 'slack: ready');
  return {
    name: 'slack',
    mode: socketMode ? 'socket' : 'http',
    port,
    stop: async () => {
      await app.stop();
    },
  };
}
