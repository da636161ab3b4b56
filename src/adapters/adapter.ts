import type { Command } from '../core/command.js';
import type { Engine } from '../core/engine.js';
import type { Logger } from '../logger.js';

/** What every platform adapter is given: the answer engine, the commands, a logger. */
export type AdapterDeps = {
  engine: Engine;
  commands: readonly Command[];
  logger: Logger;
};

/** A started adapter. `stop` closes its connections and servers so the process can exit. */
export type RunningAdapter = {
  name: string;
  stop(): Promise<void>;
};
