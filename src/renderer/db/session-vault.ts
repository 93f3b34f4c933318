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
