/**
 * The read helpers decrypt with WebCrypto between Dexie calls; inside a liveQuery (what
 * useLiveQuery runs) they must stay observed, so a local action re-renders the case.
 *
 * Dexie's liveQuery only observes when IndexedDB is a global, as it is in browsers and Electron;
 * the other tests inject a factory per workstation, this one installs the fake globally.
 */
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, expect, it } from 'vitest';
import { caseIn } from '../../../helpers/org-fixture';
import { performCaseAction } from '../../../../src/renderer/db/case-actions';
import { getCase, type LocalCase } from '../../../../src/renderer/db/queries';
import { workstation, type Desk } from './local-desk';

const opened: Desk[] = [];
afterEach(() => {
  for (const desk of opened.splice(0)) desk.store.close();
});

it('getCase inside a liveQuery sees a local action and its outbox entry', async () => {
  const liaison = await workstation().signIn('liaisonA');
  opened.push(liaison);
  const record = caseIn('distributed');
  await liaison.receive([record]);
  const seen: (LocalCase | undefined)[] = [];
  const subscription = liveQuery(() => getCase(liaison.store, record.id)).subscribe({ next: (value) => seen.push(value) });
  try {
    await expect.poll(() => seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toMatchObject({ hasUnsentWork: false, record: { status: 'distributed' } });
    await performCaseAction(liaison.store, record.id, 'accept', {});
    await expect.poll(() => seen.at(-1)?.hasUnsentWork).toBe(true);
    expect(seen.at(-1)?.record.status).toBe('in_follow_up');
  } finally {
    subscription.unsubscribe();
  }
});
