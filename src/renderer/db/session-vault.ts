/**
 * The server session's tokens kept in the user's own store, sealed under their data key, so
 * an officer who signed in offline can sync as soon as the link is back without typing the
 * password again, and a second officer on the workstation never sees them.
 */
import { openValue, sealValue, type SealedBox } from './encryption';
import { asStoreError } from './errors';
import type { UserStore } from './user-store';

const SESSION_KEY = 'desk.sessionTokens';
const SESSION_CONTEXT = 'session';

/** Seals and stores `tokens` (any JSON value); null removes them. */
export async function saveSealedSession(store: UserStore, tokens: unknown): Promise<void> {
  try {
    if (tokens === null) {
      await store.db.meta.delete(SESSION_KEY);
      return;
    }
    const sealed = await sealValue(store.keys.dataKey, SESSION_CONTEXT, store.userId, 0, tokens);
    await store.db.meta.put({ key: SESSION_KEY, value: sealed });
  } catch (error) {
    throw asStoreError(error);
  }
}

/** The stored tokens opened (unparsed: the caller validates them), or null when none are kept. */
export async function readSealedSession(store: UserStore): Promise<unknown> {
  const row = await store.db.meta.get(SESSION_KEY);
  if (!row) return null;
  return openValue(store.keys.dataKey, SESSION_CONTEXT, store.userId, row.value as SealedBox);
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The tokens sealed under the user's data key, as text for the operating system's vault
 * (Electron's safeStorage): the vault adds the OS account's protection, the seal keeps them
 * bound to this officer's password.
 */
export async function sealSessionAsText(store: UserStore, tokens: unknown): Promise<string> {
  const sealed = await sealValue(store.keys.dataKey, SESSION_CONTEXT, store.userId, 0, tokens);
  return JSON.stringify({ v: sealed.v, iv: toBase64(sealed.iv), ct: toBase64(sealed.ct) });
}

/** Opens what sealSessionAsText made; null when the text is not a sealed session of this user. */
export async function openSessionText(store: UserStore, text: string): Promise<unknown> {
  try {
    const parsed = JSON.parse(text) as { v: unknown; iv: unknown; ct: unknown };
    if (typeof parsed.v !== 'number' || typeof parsed.iv !== 'string' || typeof parsed.ct !== 'string') return null;
    const box: SealedBox = { v: parsed.v, iv: fromBase64(parsed.iv), ct: fromBase64(parsed.ct) };
    return await openValue(store.keys.dataKey, SESSION_CONTEXT, store.userId, box);
  } catch {
    return null;
  }
}
