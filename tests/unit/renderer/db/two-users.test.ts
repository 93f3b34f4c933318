/**
 * Officers sharing a workstation: each has a database of their own (`tindak-user-<id>`), keys
 * of their own and an outbox of their own. Opening one never clears, reads or sends another's.
 */
import { describe, expect, it } from 'vitest';
import { caseIn, PEOPLE } from '../../../helpers/org-fixture';
import { performCaseAction, updateCaseFields } from '../../../../src/renderer/db/case-actions';
import { getCase } from '../../../../src/renderer/db/queries';
import { LocalSyncStore } from '../../../../src/renderer/db/sync-store';
import { openUserStore } from '../../../../src/renderer/db/user-store';
import { CHEAP_KDF, passwordOf, workstation } from './local-desk';

describe('two officers on one workstation', () => {
  it('keep separate data, keys and queues', async () => {
    const ws = workstation();
    const record = caseIn('distributed');
    const liaison = await ws.signIn('liaisonA');
    await liaison.receive([record]);
    await performCaseAction(liaison.store, record.id, 'accept', {});
    liaison.store.close();

    const admin = await ws.signIn('admin');
    expect(await getCase(admin.store, record.id)).toBeUndefined();
    expect(await admin.sync.nextBatch(10, 1e9)).toEqual([]);
    expect(admin.store.deviceId).not.toBe(liaison.store.deviceId);
    await admin.receive([{ ...record, urgency: 'normal' }]);
    await updateCaseFields(admin.store, record.id, { urgency: 'urgent' });
    admin.store.close();

    expect((await ws.databaseNames()).sort()).toEqual([`tindak-user-${PEOPLE.liaisonA.id}`, `tindak-user-${PEOPLE.admin.id}`].sort());

    // The liaison officer signs in again: their unsent accept is still there, untouched.
    const back = await ws.open('liaisonA');
    try {
      const queue = await new LocalSyncStore(back).nextBatch(10, 1e9);
      expect(queue.map((e) => [e.mutation.action, e.mutation.op])).toEqual([['accept', 'action']]);
      expect((await getCase(back, record.id))?.record).toMatchObject({ status: 'in_follow_up', urgency: 'normal' });
    } finally {
      back.close();
    }
    // Another officer's password does not open someone else's database.
    await expect(
      openUserStore({ userId: PEOPLE.admin.id, password: passwordOf('liaisonA'), dexieOptions: ws.dexieOptions, kdfParams: CHEAP_KDF }),
    ).rejects.toMatchObject({ code: 'wrong_password' });
  });
});
