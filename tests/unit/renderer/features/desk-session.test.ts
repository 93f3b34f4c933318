/**
 * Signing in against the real server (PGlite, over loopback, through the fault-injecting
 * proxy to take the link away), with the real local store on fake-indexeddb: first sign-in
 * online, offline sign-in afterwards, the sealed session tokens letting an offline sign-in
 * sync once the link is back, and two officers kept apart on one workstation.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src/shared';
import { createReport, getCase, hasUnsentWork, listRejected, listReportsOfCase } from '../../../../src/renderer/db';
import {
  DeskSession,
  SignInError,
  type SignInOptions,
} from '../../../../src/renderer/features/session/desk-session';
import {
  listAccounts,
  type KeyValueStorage,
} from '../../../../src/renderer/features/session/workstation-accounts';
import { chooseTokenKeeper, type VaultLike } from '../../../../src/renderer/features/session/token-keeper';
import type { SecretRef } from '../../../../src/renderer/platform';
import { VAULT_REFUSALS } from '../../../../src/preload/schemas';
import { createAppStore } from '../../../../src/renderer/state/app-store';
import { PEOPLE, UNITS, caseIn } from '../../../helpers/org-fixture';
import { Session, TEST_PASSWORD, startServer, usernameOf, type TestServer } from '../../../helpers/server';
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

    // A link that is up but stalled: the server is asked whether a password the data refused is
    // a new one, and the officer can stop waiting for its answer instead of the whole timeout.
    proxy.setFaults({ stall: true });
    const giveUp = new AbortController();
    const asked: boolean[] = [];
    const started = Date.now();
    const stalled = DeskSession.signIn({
      ...as('bukan-sandinya'),
      onlineTimeoutMs: 120_000,
      signal: giveUp.signal,
      onServerCheck: (isChecking) => {
        asked.push(isChecking);
        if (isChecking) setTimeout(() => giveUp.abort(), 200);
      },
    });
    expect(await refusal(stalled)).toBe('password_not_checked');
    expect(asked).toEqual([true, false]);
    expect(Date.now() - started).toBeLessThan(60_000);
    // The right password opens the data without asking anyone whether it changed.
    proxy.setFaults({ refuseConnections: true });
    const notAsked: boolean[] = [];
    const opened = await DeskSession.signIn({ ...as(), onServerCheck: (isChecking) => notAsked.push(isChecking) });
    expect(notAsked).toEqual([]);
    await opened.signOut();

    const offline = await DeskSession.signIn(as());
    expect(offline.officer.isOfflineSignIn).toBe(true);
    expect((await getCase(offline.store, caseId))?.record.ticketId).toBe(record!.ticketId);
    const draft = await createReport(offline.store, caseId, { findings: 'Ditulis tanpa sambungan.' });
    expect(await hasUnsentWork(offline.store, caseId)).toBe(true);

    // The link comes back: the tokens kept sealed in the store carry the sync, no new sign-in.
    proxy.setFaults({});
    await expect.poll(async () => (await offline.engine.syncNow()).kind, { timeout: 15_000 }).toBe('synced');
    expect(await hasUnsentWork(offline.store, caseId)).toBe(false);
    // A draft is its author's: the server's trail shows it to them (and to nobody else yet).
    const author = await server.login('fieldA1');
    const trail = await author.call<{ events: { action: string; reportId: string | null }[] }>(
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
  it('after a password change on the server: the previous password unlocks the data once, or the officer starts again from the server', async () => {
    const storage = memoryStorage();
    const appStore = createAppStore();
    proxy.setFaults({});
    const [record] = await server.insertCases([
      caseIn('in_follow_up', {
        id: uuidv7(),
        ticketId: `LAPOR-${Date.now()}`,
        unitId: UNITS.workB.id,
        regionalUnitIds: [UNITS.uptB1.id],
        assigneeIds: [PEOPLE.fieldB1.id],
      }),
    ]);
    const caseId = record!.id;
    const as = (password: string, extra: Partial<SignInOptions> = {}): SignInOptions => ({
      serverUrl: proxy.url,
      username: usernameOf('fieldB1'),
      password,
      storage,
      appStore,
      onlineTimeoutMs: 3_000,
      ...extra,
    });
    const setPasswordOnServer = async (password: string) => {
      const admin = await Session.login(
        server.url,
        usernameOf('admin'),
        TEST_PASSWORD,
        `ws-admin-${Date.now()}`,
      );
      const answer = await admin.call('PATCH', `/admin/users/${PEOPLE.fieldB1.id}`, { password });
      expect(answer.status).toBe(200);
    };
    const refused = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        if (error instanceof SignInError) return { code: error.code, unsentCount: error.unsentCount };
        throw error;
      }
      throw new Error('expected the sign-in to be refused');
    };

    // The field worker writes a report offline; it is still unsent when the admin resets the password.
    const first = await DeskSession.signIn(as(TEST_PASSWORD));
    await expect.poll(() => getCase(first.store, caseId), { timeout: 10_000 }).toBeDefined();
    await first.engine.stop();
    await createReport(first.store, caseId, { findings: 'Ditulis sebelum kata sandi diganti.' });
    await first.signOut();
    const NEW_PASSWORD = 'sandi-baru-dari-admin-2026';
    await setPasswordOnServer(NEW_PASSWORD);

    // Offline, only the password the data is locked with opens it.
    proxy.setFaults({ refuseConnections: true });
    expect(await refusal(DeskSession.signIn(as(NEW_PASSWORD)))).toBe('wrong_password');
    proxy.setFaults({});
    // Online, the old password is refused by the server; the new one is accepted but cannot open the data yet.
    expect(await refusal(DeskSession.signIn(as(TEST_PASSWORD)))).toBe('invalid_credentials');
    expect(await refused(DeskSession.signIn(as(NEW_PASSWORD)))).toEqual({
      code: 'password_changed_on_server',
      unsentCount: 1,
    });
    expect(
      await refused(DeskSession.signIn(as(NEW_PASSWORD, { previousPassword: 'bukan-yang-lama' }))),
    ).toEqual({
      code: 'wrong_previous_password',
      unsentCount: 1,
    });

    // The previous password once: the data key is rewrapped, the unsent report survives and syncs.
    const recovered = await DeskSession.signIn(as(NEW_PASSWORD, { previousPassword: TEST_PASSWORD }));
    expect(recovered.officer.isOfflineSignIn).toBe(false);
    expect((await listReportsOfCase(recovered.store, caseId)).map((r) => r.record.findings)).toEqual([
      'Ditulis sebelum kata sandi diganti.',
    ]);
    await expect
      .poll(async () => (await recovered.engine.syncNow()).kind, { timeout: 10_000 })
      .toBe('synced');
    expect(await hasUnsentWork(recovered.store, caseId)).toBe(false);
    await recovered.signOut();
    // From now on the new password opens the data offline, and the old one does not.
    proxy.setFaults({ refuseConnections: true });
    expect(await refusal(DeskSession.signIn(as(TEST_PASSWORD)))).toBe('wrong_password');
    const offline = await DeskSession.signIn(as(NEW_PASSWORD));
    expect(offline.officer.isOfflineSignIn).toBe(true);
    await offline.signOut();
    proxy.setFaults({});

    // A second reset, and this time the previous password is lost: nothing is unsent, so the
    // officer starts again; the store is new (new device id) and the case comes back from the server.
    const deviceBefore = offline.store.deviceId;
    const NEWER_PASSWORD = 'sandi-ketiga-2026-lagi';
    await setPasswordOnServer(NEWER_PASSWORD);
    expect(await refused(DeskSession.signIn(as(NEWER_PASSWORD)))).toEqual({
      code: 'password_changed_on_server',
      unsentCount: 0,
    });
    const fresh = await DeskSession.signIn(as(NEWER_PASSWORD, { discardLocalData: true }));
    expect(fresh.store.deviceId).not.toBe(deviceBefore);
    await expect.poll(() => getCase(fresh.store, caseId), { timeout: 10_000 }).toBeDefined();
    expect((await listReportsOfCase(fresh.store, caseId)).map((r) => r.record.findings)).toEqual([
      'Ditulis sebelum kata sandi diganti.',
    ]);
    await fresh.signOut();
    await setPasswordOnServer(TEST_PASSWORD);
  });
  it('pulls again from the start when the officer was moved to another unit, keeping unsent work', async () => {
    const storage = memoryStorage();
    const appStore = createAppStore();
    proxy.setFaults({});
    const admin = await Session.login(server.url, usernameOf('admin'), TEST_PASSWORD, `ws-admin-${Date.now()}`);
    const username = `pindah.${Date.now()}`;
    const created = await admin.call<{ id: string }>('POST', '/admin/users', {
      username,
      displayName: 'Staf Pindahan',
      role: 'upt_staff',
      unitId: UNITS.uptA1.id,
      password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
    const [inA, inB, alsoInA] = await server.insertCases([
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-A-${Date.now()}`, unitId: UNITS.workA.id, regionalUnitIds: [UNITS.uptA1.id], assigneeIds: [] }),
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-B-${Date.now()}`, unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], assigneeIds: [] }),
      caseIn('in_follow_up', { id: uuidv7(), ticketId: `LAPOR-A2-${Date.now()}`, unitId: UNITS.workA.id, regionalUnitIds: [UNITS.uptA1.id], assigneeIds: [] }),
    ]);
    const as: SignInOptions = { serverUrl: proxy.url, username, password: TEST_PASSWORD, storage, appStore, onlineTimeoutMs: 3_000 };

    const first = await DeskSession.signIn(as);
    await expect.poll(async () => (await first.engine.syncNow()).kind, { timeout: 10_000 }).toBe('synced');
    expect(await getCase(first.store, inA!.id)).toBeDefined();
    expect(await getCase(first.store, alsoInA!.id)).toBeDefined();
    expect(await getCase(first.store, inB!.id)).toBeUndefined();
    await first.engine.stop();
    // Unsent work on a case of the old unit: kept over the fresh start, to be sent (and judged) later.
    const draft = await createReport(first.store, inA!.id, { findings: 'Ditulis sebelum pindah.' });
    await first.signOut();

    const moved = await admin.call('PATCH', `/admin/users/${created.body.id}`, { unitId: UNITS.uptB1.id });
    expect(moved.status).toBe(200);
    const second = await DeskSession.signIn(as);
    expect(second.store.profile).toMatchObject({ unitId: UNITS.uptB1.id });
    // The new unit's case arrives although it has not changed since the last pull.
    await expect.poll(() => getCase(second.store, inB!.id), { timeout: 10_000 }).toBeDefined();
    // The old unit's case without unsent work is gone at once. The draft was kept and sent: the
    // server refuses it (the case is no longer this officer's), the refusal stays in the rejected
    // list, and then the case it held goes too.
    expect(await getCase(second.store, alsoInA!.id)).toBeUndefined();
    await expect.poll(async () => (await second.engine.syncNow()).kind, { timeout: 10_000 }).toBe('synced');
    await expect
      .poll(async () => (await listRejected(second.store)).map((item) => item.mutation.entityId), { timeout: 10_000 })
      .toContain(draft.record.id);
    await expect.poll(() => getCase(second.store, inA!.id), { timeout: 10_000 }).toBeUndefined();
    expect(await getCase(second.store, inB!.id)).toBeDefined();
    await second.signOut();
  });

  it('keeps the session tokens sealed in the OS vault where there is one, and says why not where it refuses', async () => {
    const storage = memoryStorage();
    const appStore = createAppStore();
    proxy.setFaults({});
    const [record] = await server.insertCases([
      caseIn('in_follow_up', {
        id: uuidv7(),
        ticketId: `LAPOR-${Date.now()}`,
        regionalUnitIds: [UNITS.uptA2.id],
        assigneeIds: [PEOPLE.fieldA2.id],
      }),
    ]);
    const caseId = record!.id;
    // The bridge's vault with Electron faked at its edge: what safeStorage would keep, as text.
    const kept = new Map<string, string>();
    const keyOf = (ref: SecretRef) => `${ref.kind}/${ref.account}`;
    const osVault: VaultLike = {
      status: async () => ({ isAvailable: true, backend: 'gnome_libsecret' }),
      put: async (ref, value) => (kept.set(keyOf(ref), value), { ok: true }),
      get: async (ref) => ({ ok: true, value: kept.get(keyOf(ref)) ?? null }),
      delete: async (ref) => (kept.delete(keyOf(ref)), { ok: true }),
    };
    const as = async (vault: VaultLike): Promise<SignInOptions> => ({
      serverUrl: proxy.url,
      username: usernameOf('fieldA2'),
      password: TEST_PASSWORD,
      storage,
      appStore,
      onlineTimeoutMs: 3_000,
      tokenKeeper: await chooseTokenKeeper(vault, true),
    });

    const online = await DeskSession.signIn(await as(osVault));
    expect(online.tokenKeeper).toMatchObject({ place: 'os_vault', vaultRefusal: null });
    const secret = kept.get(`refreshToken/${PEOPLE.fieldA2.id}`);
    // Sealed under the officer's data key before it reaches the vault; nothing in IndexedDB.
    expect(secret).toEqual(expect.stringMatching(/^\{"v":0,"iv":"[^"]+","ct":"[^"]+"\}$/));
    expect(secret).not.toMatch(/refreshToken|accessToken|Bearer/);
    expect(await online.store.db.meta.get('desk.sessionTokens')).toBeUndefined();
    await expect.poll(() => getCase(online.store, caseId), { timeout: 10_000 }).toBeDefined();
    await online.signOut();

    // Offline sign-in takes the tokens from the vault; once the link is back the work goes out.
    proxy.setFaults({ refuseConnections: true });
    const offline = await DeskSession.signIn(await as(osVault));
    expect(offline.officer.isOfflineSignIn).toBe(true);
    await createReport(offline.store, caseId, { findings: 'Ditulis tanpa sambungan.' });
    expect(await hasUnsentWork(offline.store, caseId)).toBe(true);
    proxy.setFaults({});
    await expect.poll(async () => (await offline.engine.syncNow()).kind, { timeout: 10_000 }).toBe('synced');
    expect(await hasUnsentWork(offline.store, caseId)).toBe(false);
    await offline.signOut();

    // Linux without a keyring: the vault refuses, the tokens stay sealed in the store, and the
    // desk has the vault's reason to show. In a browser the same fallback says nothing.
    const refusing: VaultLike = {
      status: async () => ({
        isAvailable: false,
        backend: 'basic_text',
        code: 'vault_plaintext_backend',
        message: VAULT_REFUSALS.vault_plaintext_backend,
      }),
      put: async () => ({ ok: false, message: VAULT_REFUSALS.vault_plaintext_backend }),
      get: async () => ({ ok: false, message: VAULT_REFUSALS.vault_plaintext_backend }),
      delete: async () => ({ ok: true }),
    };
    const withoutKeyring = await DeskSession.signIn(await as(refusing));
    expect(withoutKeyring.tokenKeeper).toMatchObject({
      place: 'local_store',
      vaultRefusal: VAULT_REFUSALS.vault_plaintext_backend,
    });
    expect(await withoutKeyring.store.db.meta.get('desk.sessionTokens')).toBeDefined();
    await withoutKeyring.signOut();
    expect((await chooseTokenKeeper(refusing, false)).vaultRefusal).toBeNull();
  });
});
