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
import { type Command, type CommandContext, parseCommandText } from '../../core/command.js';
import { ConfigError, UserError } from '../../core/errors.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import { createBoltLogger } from './bolt-logger.js';
import { createDedupe } from './dedupe.js';
import {
  ACTION,
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

/** Free text that names no command is a question for this one (parseCommandText's fallback). */
const FALLBACK_COMMAND = 'ask';
/** What an empty `/partnership` or a bare mention runs: the user is asking how to use the bot. */
const EMPTY_TEXT = 'help';
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

  const usage = (command: Command) =>
    [
      SLASH_COMMAND,
      ...(command.name === FALLBACK_COMMAND ? [] : [command.name]),
      ...command.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)),
    ].join(' ');
  const ctx: CommandContext = { engine, commands, usage };

  const parse = (text: string): RunSpec => {
    const trimmed = text.trim();
    const parsed = parseCommandText(trimmed === '' ? EMPTY_TEXT : trimmed, commands, FALLBACK_COMMAND);
    if (!parsed) throw new Error(`slack: no "${FALLBACK_COMMAND}" command to read free text with`);
    return { command: parsed.command.name, args: parsed.args };
  };
  const run = (spec: RunSpec): Answer => {
    const command = commands.find((c) => c.name === spec.command);
    if (!command) throw new UserError('That button no longer works. Please ask again.');
    return command.run(spec.args, ctx);
  };
  const topicCommand = commands.find((c) => c.options[0]?.choices === 'topics');
  const topicRun: RenderOptions['topicRun'] = (topicId) => {
    const option = topicCommand?.options[0];
    return topicCommand && option ? { command: topicCommand.name, args: { [option.name]: topicId } } : null;
  };
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
        const spec = parse(`${FALLBACK_COMMAND} ${decodeSlackText(shortcut.message.text ?? '')}`);
        const answer = run(spec);
        // A message without a question gets a private hint, not a public post in the thread.
        if (answer.kind === 'error') {
          await ephemeral(respond)(renderAnswer(answer, { rerun: null, shareable: false }));
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
      const message = renderAnswer(run(spec), {
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
        const spec = decodeRunSpec(action.value);
        log.info(
          {
            feedback: helpful ? 'helpful' : 'not_helpful',
            user: body.user.id,
            command: spec?.command,
            args: spec?.args,
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
