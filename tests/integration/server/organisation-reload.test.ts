/**
 * The organisation (units, people, config) is held in memory by every server process. A change
 * made through one process, or straight in the store as the command line does, reaches the
 * others within `organisationCheckMs`. Two apps on one store stand for two processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/shared';
import { buildApp } from '../../../src/server/app';
import { createUser } from '../../../src/server/auth/accounts';
import { createContext } from '../../../src/server/context';
import { PEOPLE, UNITS, caseIn } from '../../helpers/org-fixture';
import { Session, TEST_PASSWORD, startServer, storesToTest, type TestServer } from '../../helpers/server';

const stores = await storesToTest();
const CHECK_MS = 200;

describe.each(stores)('organisation changes across server processes on %s', (kind) => {
  let first: TestServer;
  let secondUrl: string;
  let closeSecond: () => Promise<void>;

  beforeAll(async () => {
    first = await startServer(kind, { settings: { organisationCheckMs: CHECK_MS } });
    const ctx = await createContext(first.db, { organisationCheckMs: CHECK_MS });
    const app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    secondUrl = `http://127.0.0.1:${address.port}`;
    closeSecond = () => app.close();
  });
  afterAll(async () => {
    await closeSecond?.();
    await first?.close();
  });

  const assignOnSecond = async (assigneeId: string) => {
    const [record] = await first.insertCases([caseIn('in_follow_up', { id: uuidv7(), ticketId: `ORG-${uuidv7().slice(-12)}` })]);
    const liaison = await Session.login(secondUrl, 'liaisona', TEST_PASSWORD, `dev-org-${uuidv7()}`);
    const result = await liaison.push([liaison.action(record!.id, 'assign', { regionalUnitIds: [], assigneeIds: [assigneeId] }, 1)]);
    return result.results[0]!;
  };

  it('a field worker added through one process can be assigned through the other', async () => {
    const admin = await first.login('admin');
    const created = await admin.call<{ id: string }>('POST', '/admin/users', {
      username: 'petugas.baru',
      displayName: 'Petugas Baru',
      role: 'field_worker',
      unitId: UNITS.uptA1.id,
      password: TEST_PASSWORD,
    });
    expect(created.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, CHECK_MS + 50));
    expect(await assignOnSecond(created.body.id)).toMatchObject({ status: 'applied' });
  });

  it('a person added or deactivated straight in the store (the command line) is seen after the check interval', async () => {
    const { id } = await createUser(first.db, { username: 'petugas.cli', displayName: 'Petugas CLI', role: 'field_worker', unitId: UNITS.uptA1.id, password: TEST_PASSWORD });
    await new Promise((resolve) => setTimeout(resolve, CHECK_MS + 50));
    expect(await assignOnSecond(id)).toMatchObject({ status: 'applied' });
    await first.db.query('update users set is_active = false where id = $1', [id]);
    await new Promise((resolve) => setTimeout(resolve, CHECK_MS + 50));
    expect(await assignOnSecond(id)).toMatchObject({ status: 'rejected' });
  });

  it('sign-in bookkeeping does not count as a change of the organisation', async () => {
    const version = async () => Number((await first.db.query<{ version: number }>('select version from org_version')).rows[0]!.version);
    const before = await version();
    await first.login('fieldA1');
    await first.db.query(`update users set updated_at = now(), password_hash = password_hash where id = $1`, [PEOPLE.fieldA1.id]);
    expect(await version()).toBe(before);
    await first.db.query(`update units set name = name || ' ' where id = $1`, [UNITS.uptA2.id]);
    expect(await version()).toBe(before + 1);
  });
});
