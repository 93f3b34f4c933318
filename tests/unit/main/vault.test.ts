// The secret vault over real files in a temporary folder, with safeStorage faked: a reversible
// "encryption" that is visibly not the plain text, and a backend name the test chooses.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonFile } from '../../../src/main/storage/json-file';
import { createSecretVault, type SafeStorageLike } from '../../../src/main/vault/secret-vault';
import type { SecretRef } from '../../../src/preload/schemas';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tindak-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fakeSafeStorage(backend: string, isEncryptionAvailable = true): SafeStorageLike {
  const flip = (bytes: Buffer): Buffer => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  return {
    isEncryptionAvailable: () => isEncryptionAvailable,
    getSelectedStorageBackend: () => backend,
    encryptString: (plainText) => Buffer.concat([Buffer.from('v10'), flip(Buffer.from(plainText, 'utf8'))]),
    decryptString: (encrypted) => {
      if (encrypted.subarray(0, 3).toString() !== 'v10')
        throw new Error('Error while decrypting the ciphertext');
      return flip(encrypted.subarray(3)).toString('utf8');
    },
  };
}

const token: SecretRef = { kind: 'refreshToken', account: 'liaison.pusat' };
const keys: SecretRef = { kind: 'wrappedKeys', account: 'liaison.pusat' };
const vaultPath = () => join(dir, 'vault.json');
const vaultOn = (platform: string, safeStorage: SafeStorageLike) =>
  createSecretVault({ safeStorage, platform, file: jsonFile(vaultPath()) });

describe('secret vault', () => {
  it('stores secrets encrypted and reads them back', async () => {
    const vault = vaultOn('linux', fakeSafeStorage('gnome_libsecret'));
    expect(vault.status()).toEqual({ isAvailable: true, backend: 'gnome_libsecret' });
    await expect(vault.put(token, 'rt-secret-123')).resolves.toEqual({ ok: true });
    await expect(vault.put(keys, '{"dataKey":"AAAA"}')).resolves.toEqual({ ok: true });

    const onDisk = await readFile(vaultPath(), 'utf8');
    expect(onDisk).not.toContain('rt-secret-123');
    expect(onDisk).not.toContain('dataKey');
    // Only the officer's own OS account can read the file, even encrypted.
    if (process.platform !== 'win32') expect((await stat(vaultPath())).mode & 0o777).toBe(0o600);

    const reopened = vaultOn('linux', fakeSafeStorage('kwallet5'));
    await expect(reopened.get(token)).resolves.toEqual({ ok: true, value: 'rt-secret-123' });
    await expect(reopened.get(keys)).resolves.toEqual({ ok: true, value: '{"dataKey":"AAAA"}' });
    await expect(reopened.get({ kind: 'refreshToken', account: 'other' })).resolves.toEqual({
      ok: true,
      value: null,
    });
  });

  it('refuses to store on the Linux plaintext backend and says why, in Bahasa Indonesia and English', async () => {
    // basic_text reports encryption as available: the trap the vault must not fall into.
    const vault = vaultOn('linux', fakeSafeStorage('basic_text', true));
    const status = vault.status();
    expect(status).toMatchObject({
      isAvailable: false,
      backend: 'basic_text',
      code: 'vault_plaintext_backend',
    });
    if (status.isAvailable) throw new Error('unreachable');
    expect(status.message.id).toMatch(/teks biasa/);
    expect(status.message.en).toMatch(/plain text/);

    const refused = await vault.put(token, 'rt-secret-123');
    expect(refused).toMatchObject({ ok: false, code: 'vault_plaintext_backend' });
    await expect(vault.get(token)).resolves.toMatchObject({ ok: false, code: 'vault_plaintext_backend' });
    await expect(readFile(vaultPath(), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it("also refuses while the backend is still 'unknown' and where encryption is unavailable", async () => {
    await expect(vaultOn('linux', fakeSafeStorage('unknown')).put(token, 'x')).resolves.toMatchObject({
      code: 'vault_plaintext_backend',
    });
    await expect(vaultOn('win32', fakeSafeStorage('', false)).put(token, 'x')).resolves.toMatchObject({
      code: 'vault_unavailable',
    });
  });

  it('ignores the Linux backend name on Windows, where DPAPI decides', async () => {
    const vault = vaultOn('win32', fakeSafeStorage('basic_text'));
    expect(vault.status()).toEqual({ isAvailable: true, backend: 'win32' });
  });

  it('deletes secrets, even where storing is refused (sign-out on a machine that lost its keyring)', async () => {
    await vaultOn('linux', fakeSafeStorage('gnome_libsecret')).put(token, 'rt');
    const refusing = vaultOn('linux', fakeSafeStorage('basic_text'));
    await expect(refusing.delete(token)).resolves.toEqual({ ok: true });
    await expect(vaultOn('linux', fakeSafeStorage('gnome_libsecret')).get(token)).resolves.toEqual({
      ok: true,
      value: null,
    });
  });

  it('keeps every secret when several are stored at once', async () => {
    const vault = vaultOn('linux', fakeSafeStorage('gnome_libsecret'));
    const refs = Array.from({ length: 12 }, (_, i): SecretRef => ({
      kind: 'refreshToken',
      account: `user${i}`,
    }));
    await Promise.all(refs.map((ref, i) => vault.put(ref, `token-${i}`)));
    for (const [i, ref] of refs.entries())
      await expect(vault.get(ref)).resolves.toEqual({ ok: true, value: `token-${i}` });
  });

  it('treats a secret it can no longer decrypt as absent', async () => {
    await vaultOn('linux', fakeSafeStorage('gnome_libsecret')).put(token, 'rt');
    const broken: SafeStorageLike = {
      ...fakeSafeStorage('gnome_libsecret'),
      decryptString: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    await expect(vaultOn('linux', broken).get(token)).resolves.toEqual({ ok: true, value: null });
  });
});
