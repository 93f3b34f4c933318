// The secret vault: the refresh token and the wrapped data keys, encrypted with Electron's
// safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret or KWallet on Linux) and kept
// in userData/vault.json as base64. On Linux without a keyring, safeStorage silently falls back
// to `basic_text`, a fixed key anyone can use: isEncryptionAvailable() still says true. The
// vault checks the backend itself and refuses to store anything there, telling the officer why.
import { z } from 'zod';
import {
  VAULT_REFUSALS,
  type SecretRef,
  type VaultReadResult,
  type VaultRefusal,
  type VaultRefusalCode,
  type VaultStatus,
  type VaultWriteResult,
} from '../../preload/schemas';
import type { JsonFile } from '../storage/json-file';

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store backs the encryption key. */
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Linux backends that are not a real secret store. 'unknown' means asked before app ready. */
const PLAINTEXT_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

const vaultFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});

export interface SecretVault {
  status(): VaultStatus;
  put(ref: SecretRef, value: string): Promise<VaultWriteResult>;
  get(ref: SecretRef): Promise<VaultReadResult>;
  delete(ref: SecretRef): Promise<VaultWriteResult>;
}

export interface SecretVaultDeps {
  readonly safeStorage: SafeStorageLike;
  /** process.platform */
  readonly platform: string;
  readonly file: JsonFile;
}

const keyOf = (ref: SecretRef): string => `${ref.kind}/${ref.account}`;

function refusal(code: VaultRefusalCode): VaultRefusal {
  return { ok: false, code, message: VAULT_REFUSALS[code] };
}

export function createSecretVault({ safeStorage, platform, file }: SecretVaultDeps): SecretVault {
  const status = (): VaultStatus => {
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform;
    const code: VaultRefusalCode | null =
      platform === 'linux' && PLAINTEXT_BACKENDS.has(backend)
        ? 'vault_plaintext_backend'
        : safeStorage.isEncryptionAvailable()
          ? null
          : 'vault_unavailable';
    if (code === null) return { isAvailable: true, backend };
    return { isAvailable: false, backend, code, message: VAULT_REFUSALS[code] };
  };

  const readSecrets = async (): Promise<Record<string, string>> => {
    const parsed = vaultFileSchema.safeParse(await file.read());
    return parsed.success ? { ...parsed.data.secrets } : {};
  };

  // Read-modify-write of one file: changes run one after another so none is lost.
  let changes: Promise<unknown> = Promise.resolve();
  const change = <T>(run: () => Promise<T>): Promise<T> => {
    const result = changes.then(run);
    changes = result.catch(() => undefined);
    return result;
  };

  return {
    status,
    put(ref, value) {
      const current = status();
      if (!current.isAvailable) return Promise.resolve(refusal(current.code));
      return change(async () => {
        const secrets = await readSecrets();
        secrets[keyOf(ref)] = safeStorage.encryptString(value).toString('base64');
        await file.write({ version: 1, secrets });
        return { ok: true } as const;
      });
    },
    async get(ref) {
      const current = status();
      if (!current.isAvailable) return refusal(current.code);
      const sealed = (await readSecrets())[keyOf(ref)];
      if (sealed === undefined) return { ok: true, value: null };
      try {
        return { ok: true, value: safeStorage.decryptString(Buffer.from(sealed, 'base64')) };
      } catch {
        // Sealed under another OS account or a reset keyring: as good as absent; sign in again.
        return { ok: true, value: null };
      }
    },
    // Deleting needs no encryption, so it works even where storing is refused (sign-out).
    delete(ref) {
      return change(async () => {
        const secrets = await readSecrets();
        if (keyOf(ref) in secrets) {
          delete secrets[keyOf(ref)];
          await file.write({ version: 1, secrets });
        }
        return { ok: true } as const;
      });
    },
  };
}
