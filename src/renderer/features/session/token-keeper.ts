/**
 * Where the server session's tokens live between sign-ins. Always sealed under the officer's
 * data key (so only their password opens them); in Electron, when the operating system's vault
 * is available, inside that vault (safeStorage: DPAPI, Keychain, libsecret/KWallet) and not in
 * IndexedDB. Where the vault refuses — Linux without a keyring (safeStorage would fall back to
 * plain text), or a plain browser — the sealed tokens stay in the officer's own store, and the
 * refusal is kept so the desk can say why.
 */
import {
  openSessionText,
  readSealedSession,
  saveSealedSession,
  sealSessionAsText,
  type UserStore,
} from '../../db';
import type { UserMessage } from '../../../preload/schemas';
import type { SecretRef, VaultStatus } from '../../platform';

/** The part of the platform's vault the keeper uses (the bridge's `vault`, or a test's). */
export interface VaultLike {
  status(): Promise<VaultStatus>;
  put(ref: SecretRef, value: string): Promise<{ ok: true } | { ok: false; message: UserMessage }>;
  get(ref: SecretRef): Promise<{ ok: true; value: string | null } | { ok: false; message: UserMessage }>;
  delete(ref: SecretRef): Promise<{ ok: true } | { ok: false; message: UserMessage }>;
}

export interface TokenKeeper {
  readonly place: 'os_vault' | 'local_store';
  /** Why the operating system's vault is not used, when it could have been (Electron). */
  readonly vaultRefusal: UserMessage | null;
  save(store: UserStore, tokens: unknown): Promise<void>;
  /** The stored tokens (unparsed: the caller validates them), or null. */
  read(store: UserStore): Promise<unknown>;
}

export const localStoreTokenKeeper: TokenKeeper = {
  place: 'local_store',
  vaultRefusal: null,
  save: (store, tokens) => saveSealedSession(store, tokens),
  read: (store) => readSealedSession(store),
};

const refOf = (store: UserStore): SecretRef => ({ kind: 'refreshToken', account: store.userId });

function osVaultTokenKeeper(vault: VaultLike): TokenKeeper {
  return {
    place: 'os_vault',
    vaultRefusal: null,
    async save(store, tokens) {
      const answer =
        tokens === null
          ? await vault.delete(refOf(store))
          : await vault.put(refOf(store), await sealSessionAsText(store, tokens));
      if (!answer.ok) throw new Error(answer.message.en);
      // Tokens kept in IndexedDB by an earlier version, or before the vault was available, go.
      await saveSealedSession(store, null);
    },
    async read(store) {
      const answer = await vault.get(refOf(store));
      if (answer.ok && answer.value !== null) return openSessionText(store, answer.value);
      // Not in the vault yet: an earlier version kept them in the store.
      return readSealedSession(store);
    },
  };
}

/**
 * The keeper for this platform: the OS vault when it says it can keep secrets, otherwise the
 * officer's store, with the vault's reason when there is one worth telling (not in a browser,
 * where keeping no OS secrets is expected).
 */
export async function chooseTokenKeeper(vault: VaultLike | null, isDesktop: boolean): Promise<TokenKeeper> {
  if (vault === null) return localStoreTokenKeeper;
  const status = await vault.status().catch(() => null);
  if (status?.isAvailable === true) return osVaultTokenKeeper(vault);
  if (!isDesktop || status === null) return localStoreTokenKeeper;
  return { ...localStoreTokenKeeper, vaultRefusal: status.message };
}
