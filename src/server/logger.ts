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

/**
 * What an unexpected error may tell the log: its kind, code and message, the constraint or
 * table it names, and where it was thrown. Never the query, its parameters or the row detail
 * that database drivers attach (PGlite puts the statement's parameters, whole case rows, on the
 * error), which carry the reporter's personal data.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const fields = error as Error & { code?: unknown; constraint?: unknown; table?: unknown };
  // PostgreSQL quotes the offending input in its message ('invalid input syntax for type
  // integer: "…"'), which may be anything a row held: keep the sentence, not the quote.
  const isDatabaseError = typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code);
  const message = isDatabaseError ? error.message.replace(/: ".*$/s, ': "[…]"') : error.message;
  return {
    type: error.name,
    message,
    ...(typeof fields.code === 'string' ? { code: fields.code } : {}),
    ...(typeof fields.constraint === 'string' ? { constraint: fields.constraint } : {}),
    ...(typeof fields.table === 'string' ? { table: fields.table } : {}),
    stack: error.stack?.replace(error.message, message),
  };
}
