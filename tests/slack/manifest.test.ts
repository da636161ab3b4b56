import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { SHORTCUT_CALLBACK_ID, SLASH_COMMAND } from '../../src/adapters/slack/app.js';

type Manifest = {
  features: {
    slash_commands: { command: string; url: string; should_escape: boolean }[];
    shortcuts: { name: string; type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
};

const manifest = load(
  readFileSync(new URL('../../src/adapters/slack/manifest.yaml', import.meta.url), 'utf8'),
) as Manifest;

describe('manifest.yaml', () => {
  it('declares what the app listens for, pointing every URL at /slack/events', () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe(SLASH_COMMAND);
    expect(command?.should_escape).toBe(false);
    expect(manifest.features.shortcuts).toContainEqual(
      expect.objectContaining({
        type: 'message',
        callback_id: SHORTCUT_CALLBACK_ID,
        name: 'Ask the partnership bot',
      }),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'app_mentions:read', 'chat:write']),
    );
    for (const url of [
      command?.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ])
      expect(url).toMatch(/\/slack\/events$/);
  });
});
