// Small JSON files in the user-data folder (settings, the vault). Writes go to a temporary file
// that is then renamed over the old one, so a crash or power cut mid-write leaves either the
// old file or the new one, never half of each; writes to one file run one after another.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface JsonFile {
  /** The parsed content, or undefined when the file does not exist or is not JSON. */
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

export function jsonFile(path: string): JsonFile {
  let queue: Promise<void> = Promise.resolve();
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
    write(value) {
      const next = queue.then(async () => {
        await mkdir(dirname(path), { recursive: true });
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
        await rename(temporary, path);
      });
      // A failed write must not block every later one; the caller still sees this failure.
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
