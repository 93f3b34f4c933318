/**
 * Structured logs (pino). Request bodies are never logged; anything that may carry personal
 * data passes through maskForLog, and authorization headers are redacted.
 */
import pino from 'pino';
import { maskForLog } from '../shared';

export type Logger = pino.Logger;

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.accessToken'], censor: '[hidden]' },
      formatters: {
        log: (object) => maskForLog(object) as Record<string, unknown>,
      },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url, id: req.id }),
      },
    },
    options.destination,
  );
}
