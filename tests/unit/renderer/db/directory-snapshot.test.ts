/**
 * Saving the organisation directory refreshes every case's queue keys and deadline, unless the
 * directory is the one already kept (the usual answer at sign-in, where a rewrite of 100,000
 * cases would cost a minute).
 */
import { describe, expect, it } from 'vitest';
import { caseIn } from '../../../helpers/org-fixture';
import { fixtureDirectory, workstation } from './local-desk';

describe('directory snapshot', () => {
  it('rewrites the cases only when the directory changed', async () => {
    const liaison = await workstation().signIn('liaisonA');
    try {
      const record = caseIn('in_follow_up', { distributedAt: '2026-11-03T02:00:00.000Z' });
      await liaison.receive([record]);
      const before = (await liaison.store.db.cases.get(record.id))!;

      await liaison.store.saveDirectorySnapshot({ protocolVersion: 1, ...fixtureDirectory() });
      expect((await liaison.store.db.cases.get(record.id))!.rev).toBe(before.rev);

      // A new holiday on the day the deadline fell moves the deadline: every case is refreshed.
      const changed = fixtureDirectory();
      changed.config = { ...changed.config, holidays: [...changed.config.holidays, before.dueAt!.slice(0, 10)] };
      await liaison.store.saveDirectorySnapshot({ protocolVersion: 1, ...changed });
      const after = (await liaison.store.db.cases.get(record.id))!;
      expect(after.rev).not.toBe(before.rev);
      expect(after.dueAt! > before.dueAt!).toBe(true);
    } finally {
      liaison.store.close();
    }
  });
});
