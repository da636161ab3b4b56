/**
 * One shard, as spawned by shard-manager.ts: the same bot as `npm start`, Discord only. discord.js
 * reads the shard id and count the manager put in the environment (SHARDS, SHARD_COUNT).
 */
import { commands } from '../../../commands/index.js';
import { createEngine } from '../../core/engine.js';
import { loadKnowledge } from '../../core/knowledge/load.js';
import { startDiscord } from './client.js';
import { runEntry } from './entry.js';

await runEntry(
  ({ config, logger }) => startDiscord(config, { engine: createEngine(loadKnowledge()), commands, logger }),
  {
    failure: 'Shard could not start',
    // The manager went away (crashed or was killed): do not linger as an orphan holding a session.
    stopOn: ['disconnect'],
  },
);
