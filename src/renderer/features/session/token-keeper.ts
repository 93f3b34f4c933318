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
          ? await vault.delete(refOf(store)).catch(() => null)
          : await vault
              .put(refOf(store), await sealSessionAsText(store, tokens))
              .catch(() => null);
      if (answer?.ok === true || tokens === null) {
        // Tokens kept in IndexedDB by an earlier version, or while the vault refused, go.
        await saveSealedSession(store, null);
        return;
      }
      // The vault refused now (a keyring locked mid-session): a refreshed pair must not be lost,
      // since the old refresh token is already rotated out. Kept sealed in the store instead;
      // the vault's stale copy goes so it cannot shadow this one.
      await saveSealedSession(store, tokens);
      await vault.delete(refOf(store)).catch(() => undefined);
    },
    async read(store) {
      // The store's copy exists only when the vault refused the last save (or from an earlier version).
      const local = await readSealedSession(store);
      if (local !== null) return local;
      const answer = await vault.get(refOf(store)).catch(() => null);
      return answer?.ok === true && answer.value !== null ? openSessionText(store, answer.value) : null;
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
