// Structured logs with pino. Secrets are redacted by key wherever they appear in a log object.
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'token',
  'secret',
  'webhookSecret',
  'authorization',
  '*.token',
  '*.secret',
  '*.webhookSecret',
  '*.authorization',
  '*.Authorization',
  '*.*.token',
  '*.*.webhookSecret',
  '*.*.clientSecret',
  '*.*.refreshToken',
  'req.headers.authorization',
  'req.headers["x-spark-signature"]',
];

export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { pid: process.pid } }, destination);
}
