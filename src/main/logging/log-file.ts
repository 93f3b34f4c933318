// The app's log: JSON lines in userData/logs/tindak.log, one older file kept as tindak.log.1.
// Every message and detail passes through the shared masking first (src/shared/privacy), so a
// log sent to IT for support never carries a full NIK, KK number, phone, name or address.
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { maskForLog, maskFreeText } from '../../shared/privacy/masking';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, details?: unknown): void;
  /** Resolves once every line logged so far is on disk (tests, shutdown). */
  flush(): Promise<void>;
}

export interface FileLoggerOptions {
  readonly filePath: string;
  /** The file is rotated once it grows past this; 5 MiB keeps weeks of a busy desk. */
  readonly maxBytes?: number;
  readonly now?: () => Date;
  /** Also shown here, e.g. the terminal while developing; receives the masked line. */
  readonly mirror?: (line: string) => void;
}

/** Errors carry their text in non-enumerable fields; make them loggable before masking. */
function plainDetails(details: unknown): unknown {
  if (details instanceof Error) {
    // `errorName`, not `name`: the masking hides any field called name (a person's).
    return {
      errorName: details.name,
      message: details.message,
      stack: details.stack,
      cause: plainDetails(details.cause),
    };
  }
  return details;
}

export function createFileLogger({
  filePath,
  maxBytes = 5 * 1024 * 1024,
  now = () => new Date(),
  mirror,
}: FileLoggerOptions): Logger {
  let pending: Promise<void> = Promise.resolve();

  const writeLine = async (line: string): Promise<void> => {
    await mkdir(dirname(filePath), { recursive: true });
    const size = await stat(filePath).then(
      (stats) => stats.size,
      () => 0,
    );
    if (size + line.length > maxBytes && size > 0) await rename(filePath, `${filePath}.1`);
    await appendFile(filePath, line, { encoding: 'utf8', mode: 0o600 });
  };

  return {
    log(level, message, details) {
      const entry = {
        time: now().toISOString(),
        level,
        message: maskFreeText(message),
        ...(details === undefined ? {} : { details: maskForLog(plainDetails(details)) }),
      };
      const line = `${JSON.stringify(entry)}\n`;
      mirror?.(line.trimEnd());
      pending = pending.then(() =>
        writeLine(line).catch((error: unknown) => {
          // The log cannot log its own failure; stderr is the last resort, and the app goes on.
          process.stderr.write(`Tindak: could not write the log file ${filePath}: ${String(error)}\n`);
        }),
      );
    },
    flush: () => pending,
  };
}
