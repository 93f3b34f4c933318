// The small-JSON-file store under settings and the vault, on a real temporary folder.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonFile } from '../../../src/main/storage/json-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tindak-json-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jsonFile', () => {
  it('reads nothing from a missing or damaged file', async () => {
    const path = join(dir, 'settings.json');
    await expect(jsonFile(path).read()).resolves.toBeUndefined();
    await writeFile(path, '{"serverUrl": ');
    await expect(jsonFile(path).read()).resolves.toBeUndefined();
  });

  it('creates its folder and writes in order, leaving the last value and no temporary file', async () => {
    const path = join(dir, 'nested', 'vault.json');
    const file = jsonFile(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => file.write({ version: 1, n: i })));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, n: 19 });
    expect(await readdir(join(dir, 'nested'))).toEqual(['vault.json']);
  });

  it('keeps writing after a failed write', async () => {
    const file = jsonFile(join(dir, 'a.json'));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(file.write(cyclic)).rejects.toThrow(/circular/);
    await file.write({ ok: true });
    await expect(file.read()).resolves.toEqual({ ok: true });
  });
});
