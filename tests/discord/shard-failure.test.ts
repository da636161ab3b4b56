/**
 * A spawn that fails half-way under the sharding entry: shard 0 reaches READY, shard 1's process
 * exits before READY. The caller must get that error (not one from cleaning up) and shard 0 must be
 * stopped. Its own file so it spawns in parallel with sharding.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startShardManager } from '../../src/adapters/discord/shard-manager.js';
import { createCaptureLogger } from './capture-logger.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';

const TOKEN = 'MTQwMDAwMDAwMDAwMDAwMDAwMQ.fake.token-for-tests';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ shards: 2 });
});
afterAll(async () => {
  await fake?.close();
});

describe('npm run start:sharded, when a shard cannot start', () => {
  it('rejects with the shard error and stops the shard that did start', async () => {
    // /gateway/bot answers the manager and shard 0, then says the token is invalid: shard 1 exits.
    let gatewayCalls = 0;
    fake.onRequest((req) => {
      if (req.path !== '/api/v10/gateway/bot') return;
      gatewayCalls += 1;
      if (gatewayCalls === 2)
        fake.failNext({
          path: /\/gateway\/bot$/,
          status: 401,
          body: { message: '401: Unauthorized', code: 0 },
        });
    });
    const capture = createCaptureLogger();
    const started = startShardManager(
      { token: TOKEN, apiUrl: fake.apiUrl, applicationId: undefined, guildId: undefined },
      { logger: capture.logger, logLevel: 'silent', spawnDelayMs: 0, respawn: false },
    );
    await expect(started).rejects.toThrow("Shard 1's process exited before its Client became ready.");
    expect(fake.identifies.map((i) => i.shard)).toEqual([[0, 2]]);
    // Shard 0 was killed, not left running: its gateway connection closes.
    await vi.waitFor(() => expect(fake.connectedShards()).toEqual([]));
    expect(capture.lines).not.toContainEqual(
      expect.objectContaining({ msg: 'discord: could not stop a shard' }),
    );
  });
});
