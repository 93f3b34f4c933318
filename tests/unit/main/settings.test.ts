// Settings: the schema's rule for the central server's address, and the store over real files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSettingsStore } from '../../../src/main/settings/settings-store';
import { jsonFile } from '../../../src/main/storage/json-file';
import { isAcceptableServerUrl, settingsSchema } from '../../../src/preload/schemas';

describe('server address rule', () => {
  it('accepts https anywhere and http on localhost or 127.0.0.1 only', () => {
    for (const url of [
      'https://tindak.kemensos.go.id',
      'https://10.0.0.5:8443/api',
      'http://localhost:8787',
      'http://127.0.0.1:8787/',
    ]) {
      expect(isAcceptableServerUrl(url), url).toBe(true);
    }
    for (const url of [
      'http://tindak.kemensos.go.id',
      'http://10.0.0.5',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'ws://localhost',
      'file:///x',
      'https://admin:pw@x.go.id',
      'localhost:8787',
      '',
    ]) {
      expect(isAcceptableServerUrl(url), url).toBe(false);
    }
  });

  it('never lets a plain-http remote address through (fuzzed)', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const parsed = settingsSchema.safeParse({ serverUrl: url });
        if (parsed.success && parsed.data.serverUrl !== null) {
          const { protocol, hostname } = new URL(parsed.data.serverUrl);
          expect(protocol === 'https:' || hostname === 'localhost' || hostname === '127.0.0.1').toBe(true);
        }
      }),
    );
  });

  it('gives a reason an officer can act on', () => {
    const parsed = settingsSchema.safeParse({ serverUrl: 'http://server.go.id' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/harus diawali https:\/\//);
  });
});

describe('settings store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tindak-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts from the defaults and persists what is set, normalised', async () => {
    const path = join(dir, 'settings.json');
    const store = createSettingsStore(jsonFile(path), vi.fn());
    await expect(store.get()).resolves.toEqual({ serverUrl: null });
    await expect(store.set({ serverUrl: 'https://tindak.kemensos.go.id' })).resolves.toEqual({
      serverUrl: 'https://tindak.kemensos.go.id/',
    });
    await expect(createSettingsStore(jsonFile(path), vi.fn()).get()).resolves.toEqual({
      serverUrl: 'https://tindak.kemensos.go.id/',
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ serverUrl: 'https://tindak.kemensos.go.id/' });
  });

  it('refuses to save an invalid address', async () => {
    const store = createSettingsStore(jsonFile(join(dir, 'settings.json')), vi.fn());
    await expect(store.set({ serverUrl: 'http://server.go.id' })).rejects.toThrow();
    await expect(store.get()).resolves.toEqual({ serverUrl: null });
  });

  it('falls back to the defaults, and says so, when the file was damaged or edited badly', async () => {
    const path = join(dir, 'settings.json');
    const onDamaged = vi.fn();
    await writeFile(path, JSON.stringify({ serverUrl: 'http://evil.example' }));
    await expect(createSettingsStore(jsonFile(path), onDamaged).get()).resolves.toEqual({ serverUrl: null });
    expect(onDamaged).toHaveBeenCalledWith(expect.stringMatching(/not valid/));
    await writeFile(path, '{ not json');
    await expect(createSettingsStore(jsonFile(path), onDamaged).get()).resolves.toEqual({ serverUrl: null });
  });
});
