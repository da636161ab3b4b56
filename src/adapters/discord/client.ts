import type { DiscordConfig } from '../../config.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';

// Placeholder until the adapter lands: fails loudly rather than pretending to connect.
export async function startDiscord(_config: DiscordConfig, _deps: AdapterDeps): Promise<RunningAdapter> {
  throw new Error('startDiscord: not built yet');
}
