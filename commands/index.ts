import type { Command } from '../src/core/command.js';
import { ask } from './ask.js';
import { help } from './help.js';
import { sources } from './sources.js';
import { timeline } from './timeline.js';
import { topic } from './topic.js';

/** Every command, in the order help lists them. A static list: adding a command is one line here. */
export const commands: readonly Command[] = [ask, topic, timeline, sources, help];
