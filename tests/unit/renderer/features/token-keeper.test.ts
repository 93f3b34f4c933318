/**
 * The token keeper with the OS vault faked at the platform's edge: tokens sealed into the
 * vault, and kept sealed in the officer's store when the vault refuses mid-session, so a
 * refreshed pair is never lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VAULT_REFUSALS } from '../../../../src/preload/schemas';
import { chooseTokenKeeper, type VaultLike } from '../../../../src/renderer/features/session/token-keeper';
import { workstation, type Desk } from '../db/local-desk';

const opened: Desk[] = [];
afterEach(() => {
  for (const desk of opened.splice(0)) desk.store.close();
});

describe('token keeper', () => {
  it('falls back to the sealed copy in the store while the vault refuses, and back to the vault after', async () => {
    const desk = await workstation().signIn('fieldA1');
    opened.push(desk);
    const kept = new Map<string, string>();
    let isLocked = false;
    const vault: VaultLike = {
      status: async () => ({ isAvailable: true, backend: 'gnome_libsecret' }),
      put: async (ref, value) => {
        if (isLocked) return { ok: false, message: VAULT_REFUSALS.vault_unavailable };
        kept.set(ref.account, value);
        return { ok: true };
      },
      get: async (ref) => ({ ok: true, value: kept.get(ref.account) ?? null }),
      delete: async (ref) => (kept.delete(ref.account), { ok: true }),
    };
    const keeper = await chooseTokenKeeper(vault, true);
    await keeper.save(desk.store, { refreshToken: 'pertama' });
    expect(kept.size).toBe(1);
    expect(await keeper.read(desk.store)).toEqual({ refreshToken: 'pertama' });

    // The keyring locks mid-session; a token refresh must still be kept.
    isLocked = true;
    await keeper.save(desk.store, { refreshToken: 'kedua' });
    expect(kept.size).toBe(0);
    expect(await keeper.read(desk.store)).toEqual({ refreshToken: 'kedua' });

    isLocked = false;
    await keeper.save(desk.store, { refreshToken: 'ketiga' });
    expect(kept.size).toBe(1);
    expect(await desk.store.db.meta.get('desk.sessionTokens')).toBeUndefined();
    expect(await keeper.read(desk.store)).toEqual({ refreshToken: 'ketiga' });
    await keeper.save(desk.store, null);
    expect(await keeper.read(desk.store)).toBeNull();
  });
});
