// Structured JSON logs (pino), one line per event. Processes name themselves (`process: gateway|core|member|
// supervisor`) and requests carry their W3C trace id, so one request can be followed across processes.
// Never log tokens, contact details or operational values: log ids, codes and counts.
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["router-authorization"]', 'headers.authorization', 'authorization', 'token', 'variables'];

/** The process's logger; `configureLogging` sets its level (LOG_LEVEL) and name once the configuration is read. */
export let logger: Logger = pino({ level: 'info', redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid } });

export function configureLogging(options: { level: string; process: string }): Logger {
  logger = pino({ level: options.level, redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid, process: options.process } });
  return logger;
}

/** For embedded uses that must not print (tests, benchmarks). */
export const silentLogger: Logger = pino({ level: 'silent' });
