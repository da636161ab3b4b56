import type { SlackConfig } from '../../config.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';

// Placeholder until the adapter lands: fails loudly rather than pretending to connect.
export async function startSlack(_config: SlackConfig, _deps: AdapterDeps): Promise<RunningAdapter> {
  throw new Error('startSlack: not built yet');
}
