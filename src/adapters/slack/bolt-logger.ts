import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Bolt and its WebClient log through our pino logger, so all logs share one format and level. */
export function createBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack-bolt' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error', msg: unknown[]) => {
    if (!log.isLevelEnabled(level)) return;
    const err = msg.find((m): m is Error => m instanceof Error);
    const text = msg
      .filter((m) => m !== err)
      .map((m) => (typeof m === 'string' ? m : JSON.stringify(m)))
      .join(' ');
    if (err) log[level]({ err }, text || err.message);
    else log[level](text);
  };
  return {
    debug: (...msg: unknown[]) => write('debug', msg),
    info: (...msg: unknown[]) => write('info', msg),
    warn: (...msg: unknown[]) => write('warn', msg),
    error: (...msg: unknown[]) => write('error', msg),
    // The level is LOG_LEVEL's, set once for the whole process.
    setLevel: () => {},
    getLevel: () => {
      if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (log.isLevelEnabled('info')) return LogLevel.INFO;
      if (log.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}
