/**
 * `npm run deploy:discord`, run as the user runs it, against the fake REST API: the PUT body must
 * be commands/ as Discord application commands, and a second run must send the same list.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { MESSAGE_COMMAND_NAME } from '../../src/adapters/discord/command-data.js';
import { ROOT, realEngine } from '../helpers.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';

const run = promisify(execFile);
const TOKEN = 'MTQwMDAwMDAwMDAwMDAwMDAwMQ.fake.token-for-tests';
const GUILD = '1300000000000000555';
const topics = realEngine().kb.topics;

type Run = { code: number; stdout: string; stderr: string };

/** `npm run deploy:discord` with only these variables: nothing from this machine's environment leaks in. */
function deploy(env: Record<string, string>): Promise<Run> {
  return run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/adapters/discord/deploy.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: Run) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}

const REFUSED_APP = '1400000000000000999';
let fake: FakeDiscord;
let runs: { guild: Run[]; global: Run; noApp: Run; refused: Run };

beforeAll(async () => {
  fake = await startFakeDiscord();
  fake.failNext({
    method: 'PUT',
    path: new RegExp(`/applications/${REFUSED_APP}/`),
    status: 401,
    body: { message: '401: Unauthorized', code: 0 },
  });
  const base = { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl };
  const app = { ...base, DISCORD_APPLICATION_ID: fake.applicationId };
  // Each run pays for a Node start-up: run them side by side.
  const [a, b, global, noApp, refused] = await Promise.all([
    deploy({ ...app, DISCORD_GUILD_ID: GUILD }),
    deploy({ ...app, DISCORD_GUILD_ID: GUILD }),
    deploy(app),
    deploy(base),
    deploy({ ...base, DISCORD_APPLICATION_ID: REFUSED_APP }),
  ]);
  runs = { guild: [a, b] as Run[], global, noApp, refused };
});
afterAll(async () => {
  await fake?.close();
});

const guildPath = () => `/api/v10/applications/${fake.applicationId}/guilds/${GUILD}/commands`;

type Option = {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  max_length?: number;
  choices?: { name: string; value: string }[];
  options?: Option[];
};
type AppCommand = { name: string; type?: number; description: string; options?: Option[] };

describe('npm run deploy:discord', () => {
  it('PUTs commands/ to the guild, the same list on every run', () => {
    for (const r of runs.guild) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`in guild ${GUILD}`);
    }
    const puts = fake.requests.filter((r) => r.method === 'PUT' && r.path === guildPath());
    expect(puts).toHaveLength(2);
    const [a, b] = puts;
    expect(a?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(b?.body).toEqual(a?.body);

    const body = a?.body as AppCommand[];
    expect(body.map((c) => c.name)).toEqual(['partnership', MESSAGE_COMMAND_NAME]);
    const [slash, menu] = body;
    expect(menu?.type).toBe(3);
    expect(slash?.type).toBe(1);
    // One subcommand per command in commands/, options as the command describes them.
    expect(slash?.options?.map((o) => [o.type, o.name, o.description])).toEqual(
      commands.map((c) => [1, c.name, c.description]),
    );
    for (const command of commands) {
      const sub = slash?.options?.find((o) => o.name === command.name);
      expect(sub?.options ?? []).toHaveLength(command.options.length);
      for (const option of command.options) {
        const sent = sub?.options?.find((o) => o.name === option.name);
        expect(sent?.type).toBe(3);
        expect(sent?.required).toBe(option.required);
        expect(sent?.max_length).toBe(option.maxLength);
        expect(Boolean(sent?.autocomplete)).toBe(option.autocomplete === 'questions');
        if (option.choices === 'topics')
          expect(sent?.choices).toEqual(topics.map((t) => ({ name: t.name, value: t.id })));
        else expect(sent?.choices).toBeUndefined();
      }
    }
  });

  it('registers globally without DISCORD_GUILD_ID, with the same list', () => {
    expect(runs.global.code).toBe(0);
    expect(runs.global.stdout).toContain('globally');
    const global = fake.requests.find(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${fake.applicationId}/commands`,
    );
    const guild = fake.requests.find((r) => r.method === 'PUT' && r.path === guildPath());
    expect(global?.body).toEqual(guild?.body);
  });

  it('names the variable to set when the application id is missing', () => {
    expect(runs.noApp.code).toBe(2);
    expect(runs.noApp.stderr.trim()).toBe(
      'Set DISCORD_APPLICATION_ID: the application id from the Developer Portal.',
    );
  });

  it('says which variable to check when Discord refuses the token', () => {
    expect(runs.refused.code).toBe(1);
    expect(runs.refused.stderr.trim()).toBe('Discord refused the token (401): check DISCORD_TOKEN.');
  });
});
