/**
 * Signing in against the real server (PGlite, over loopback, through the fault-injecting
 * proxy to take the link away), with the real local store on fake-indexeddb: first sign-in
 * online, offline sign-in afterwards, the sealed session tokens letting an offline sign-in
 * sync once the link is back, and two officers kept apart on one workstation.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src/shared';
import { createReport, getCase, hasUnsentWork, listReportsOfCase } from '../../../../src/renderer/db';
import {
  DeskSession,
  SignInError,
  type SignInOptions,
} from '../../../../src/renderer/features/session/desk-session';
import {
  listAccounts,
  type KeyValueStorage,
} from '../../../../src/renderer/features/session/workstation-accounts';
import { createAppStore } from '../../../../src/renderer/state/app-store';
import { PEOPLE, caseIn } from '../../../helpers/org-fixture';
import { TEST_PASSWORD, startServer, usernameOf, type TestServer } from '../../../helpers/server';
import { startTcpProxy, type TcpProxy } from '../../../helpers/tcp-proxy';

function memoryStorage(): KeyValueStorage {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInError) return error.code;
    throw error;
  }
  throw new Error('expected the sign-in to be refused');
}

describe('signing in on a workstation', () => {
  let server: TestServer;
  let proxy: TcpProxy;

  beforeAll(async () => {
    server = await startServer('pglite');
    proxy = await startTcpProxy(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('is online the first time, offline afterwards, and an offline session syncs once the link is back', async () => {
    const storage = memoryStorage();
    const appStore = createAppStore();
    const [record] = await server.insertCases([
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-${Date.now()}` }),
    ]);
    const caseId = record!.id;
    const as = (password = TEST_PASSWORD): SignInOptions => ({
      serverUrl: proxy.url,
      username: usernameOf('fieldA1'),
      password,
      storage,
      appStore,
      onlineTimeoutMs: 3_000,
    });

    proxy.setFaults({ refuseConnections: true });
    expect(await refusal(DeskSession.signIn(as()))).toBe('first_sign_in_needs_server');
    expect(listAccounts(storage)).toEqual([]);

    proxy.setFaults({});
    expect(await refusal(DeskSession.signIn(as('bukan-sandinya')))).toBe('invalid_credentials');
    const online = await DeskSession.signIn(as());
    expect(online.officer).toMatchObject({
      userId: PEOPLE.fieldA1.id,
      role: 'field_worker',
      isOfflineSignIn: false,
    });
    expect(listAccounts(storage).map((a) => a.userId)).toEqual([PEOPLE.fieldA1.id]);
    await expect.poll(() => getCase(online.store, caseId), { timeout: 10_000 }).toBeDefined();
    await online.signOut();

    // Offline: the store's own key unwrapping checks the password.
    proxy.setFaults({ refuseConnections: true });
    expect(await refusal(DeskSession.signIn(as('bukan-sandinya')))).toBe('wrong_password');
    const offline = await DeskSession.signIn(as());
    expect(offline.officer.isOfflineSignIn).toBe(true);
    expect((await getCase(offline.store, caseId))?.record.ticketId).toBe(record!.ticketId);
    const draft = await createReport(offline.store, caseId, { findings: 'Ditulis tanpa sambungan.' });
    expect(await hasUnsentWork(offline.store, caseId)).toBe(true);

    // The link comes back: the tokens kept sealed in the store carry the sync, no new sign-in.
    proxy.setFaults({});
    await expect.poll(async () => (await offline.engine.syncNow()).kind, { timeout: 15_000 }).toBe('synced');
    expect(await hasUnsentWork(offline.store, caseId)).toBe(false);
    const auditor = await server.login('auditor');
    const trail = await auditor.call<{ events: { action: string; reportId: string | null }[] }>(
      'GET',
      `/audit/cases/${caseId}`,
    );
    expect(trail.body.events).toContainEqual(
      expect.objectContaining({ action: 'report_create', reportId: draft.record.id }),
    );
    await offline.signOut();
  });

  it('keeps two officers’ data and unsent work apart on one workstation', async () => {
    const storage = memoryStorage();
    const appStore = createAppStore();
    proxy.setFaults({});
    const [record] = await server.insertCases([
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-${Date.now()}` }),
    ]);
    const caseId = record!.id;
    const signIn = (who: 'fieldA1' | 'liaisonB') =>
      DeskSession.signIn({
        serverUrl: proxy.url,
        username: usernameOf(who),
        password: TEST_PASSWORD,
        storage,
        appStore,
        onlineTimeoutMs: 3_000,
      });

    const field = await signIn('fieldA1');
    await expect.poll(() => getCase(field.store, caseId), { timeout: 10_000 }).toBeDefined();
    await field.engine.stop();
    await createReport(field.store, caseId, { findings: 'Belum dikirim.' });
    await field.signOut();

    const other = await signIn('liaisonB');
    expect(other.store.userId).toBe(PEOPLE.liaisonB.id);
    expect(other.store.userId).not.toBe(field.store.userId);
    await expect.poll(async () => (await other.engine.syncNow()).kind, { timeout: 10_000 }).toBe('synced');
    // Work unit B's liaison sees none of work unit A's cases, nor the field worker's draft.
    expect(await getCase(other.store, caseId)).toBeUndefined();
    expect(await other.store.db.outbox.count()).toBe(0);
    await other.signOut();

    proxy.setFaults({ refuseConnections: true });
    const back = await signIn('fieldA1');
    expect((await listReportsOfCase(back.store, caseId)).map((r) => r.record.findings)).toEqual([
      'Belum dikirim.',
    ]);
    expect(await hasUnsentWork(back.store, caseId)).toBe(true);
    await back.signOut();
    expect(
      listAccounts(storage)
        .map((a) => a.username)
        .sort(),
    ).toEqual(['fielda1', 'liaisonb']);
  });
});
