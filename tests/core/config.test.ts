import { describe, expect, it } from 'vitest';
import { loadConfig, loadDiscordDeployConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

const error = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('starts no platform without tokens', () => {
    expect(loadConfig({})).toEqual({ logLevel: 'info', slack: null, discord: null });
  });

  it('reads Slack in HTTP mode and Socket Mode', () => {
    const http = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      PORT: '4000',
    });
    expect(http.slack).toMatchObject({ botToken: 'xoxb-1', appToken: undefined, port: 4000 });
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' });
    expect(socket.slack).toMatchObject({ appToken: 'xapp-1', port: 3000 });
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 'abcdef0123456789' },
      /^Set SLACK_BOT_TOKEN: it must be a bot token starting with xoxb-/,
    ],
    [{ SLACK_SIGNING_SECRET: 'abcdef0123456789' }, /^Set SLACK_BOT_TOKEN:/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^Set SLACK_SIGNING_SECRET for HTTP mode, or SLACK_APP_TOKEN/],
    [{ PORT: 'eighty' }, /^Set PORT: it must be a port number from 1 to 65535\.$/],
    [{ PORT: '70000' }, /^Set PORT: it must be 1 to 65535/],
    [{ DISCORD_TOKEN: 'not a token' }, /^Set DISCORD_TOKEN:/],
    [
      { DISCORD_TOKEN: 'a.b.c', DISCORD_API_URL: 'http://127.0.0.1:9/v10' },
      /^Set DISCORD_API_URL: it must end in \/api/,
    ],
    [{ LOG_LEVEL: 'loud' }, /^Set LOG_LEVEL:/],
  ])('names the variable to set: %j', (env, message) => {
    const m = error(() => loadConfig(env));
    expect(m).toMatch(message);
    expect(m).not.toContain('\n');
  });

  it('needs the application id to deploy Discord commands', () => {
    expect(error(() => loadDiscordDeployConfig({ DISCORD_TOKEN: 'a.b.c' }))).toMatch(
      /^Set DISCORD_APPLICATION_ID/,
    );
    expect(
      loadDiscordDeployConfig({ DISCORD_TOKEN: 'a.b.c', DISCORD_APPLICATION_ID: '123456789012345678' }),
    ).toMatchObject({
      applicationId: '123456789012345678',
      guildId: undefined,
    });
  });
});
