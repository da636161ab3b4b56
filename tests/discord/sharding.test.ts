/**
 * The sharding entry: ShardingManager spawns shard.ts twice (real child processes running the real
 * bot), each identifying as its own shard against the fake gateway and reaching READY; stopping
 * copes with a shard that already died.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningShards, startShardManager } from '../../src/adapters/discord/shard-manager.js';
import { createLogger } from '../../src/logger.js';
import { autocomplete, type FakeDiscord, startFakeDiscord } from './fake-discord.js';

const TOKEN = 'MTQwMDAwMDAwMDAwMDAwMDAwMQ.fake.token-for-tests';

let fake: FakeDiscord;
let shards: RunningShards | undefined;

beforeAll(async () => {
  fake = await startFakeDiscord({ shards: 2 });
});
afterAll(async () => {
  await shards?.stop();
  await fake?.close();
});

describe('npm run start:sharded', () => {
  it('spawns the shards /gateway/bot recommends, each reaching READY as its own shard', async () => {
    shards = await startShardManager(
      { token: TOKEN, apiUrl: fake.apiUrl, applicationId: undefined, guildId: undefined },
      { logger: createLogger('silent'), logLevel: 'silent', spawnDelayMs: 0, respawn: false },
    );
    expect(shards.totalShards).toBe(2);
    // spawn() resolves only after each child's client reported ready to the manager.
    expect([...shards.manager.shards.values()].map((s) => s.ready)).toEqual([true, true]);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.identifies.every((i) => i.token === TOKEN)).toBe(true);

    // Each shard answers what arrives on its own connection.
    for (const shardId of [0, 1]) {
      const raw = autocomplete(fake.applicationId, 'ask', 'question', 'licence');
      fake.dispatch('INTERACTION_CREATE', raw, shardId);
      const callback = await fake.waitForRequest((r) => r.path.includes(`/interactions/${raw.id}/`));
      expect((callback.body as { type: number }).type).toBe(8);
    }
  });

  it('stops the shards still running when another one already died', async () => {
    if (!shards) throw new Error('the shards did not start');
    const [first, second] = [...shards.manager.shards.values()];
    const survivor = second?.process;
    if (!first?.process || !survivor) throw new Error('expected two running shard processes');
    // Shard 0 dies on its own (respawn is off): discord.js drops its process, and Shard.kill() on it
    // would throw.
    const died = once(first, 'death');
    first.process.kill('SIGKILL');
    await died;
    expect(first.process).toBeNull();

    await shards.stop();
    expect(survivor.exitCode ?? survivor.signalCode).not.toBeNull();
    await vi.waitFor(() => expect(fake.connectedShards()).toEqual([]));
  });
});
