import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured logs to stderr, so stdout stays free for answers (the terminal chat, `ask --json`). */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
