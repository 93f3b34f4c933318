/**
 * Record-level access: every person of the fixture against every kind of case, through every
 * endpoint that reads or changes cases. The expected visibility is written out by hand from
 * DOMAIN.md ("a person sees only the cases of their own unit (and, for a work unit, of the
 * regional units under it) or assigned to them; the auditor sees all").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type CaseRecord } from '../../../src/shared';
import { PEOPLE, UNITS, caseIn, type PersonKey } from '../../helpers/org-fixture';
import { startServer, storesToTest, type Session, type TestServer } from '../../helpers/server';

const stores = await storesToTest();

const NIK = '9471034506880002';
function make(status: Parameters<typeof caseIn>[0], overrides: Partial<CaseRecord>): CaseRecord {
  const id = uuidv7();
  return caseIn(status, { id, ticketId: `T-${id.slice(-12)}`, ...overrides });
}

const CASES = {
  received: make('received', {}),
  followUpA1: make('in_follow_up', { regionalUnitIds: [UNITS.uptA1.id], assigneeIds: [PEOPLE.fieldA1.id] }),
  distributedA1: make('distributed', { regionalUnitIds: [UNITS.uptA1.id], assigneeIds: [] }),
  followUpA2: make('in_follow_up', { regionalUnitIds: [UNITS.uptA2.id], assigneeIds: [PEOPLE.fieldA2.id] }),
  followUpB: make('in_follow_up', { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], assigneeIds: [PEOPLE.fieldB1.id] }),
  confidentialA1: make('in_follow_up', {
    isConfidential: true,
    regionalUnitIds: [UNITS.uptA1.id],
    assigneeIds: [PEOPLE.fieldA1.id],
    reporter: { name: 'Yohana Wenda', nik: NIK, kk: '9471030101200009', phone: '+6281344556677', address: 'Jl. Raya Abepura 12, Jayapura' },
  }),
};
type CaseKey = keyof typeof CASES;
const ALL = Object.keys(CASES) as CaseKey[];
const WORK_A: CaseKey[] = ['followUpA1', 'distributedA1', 'followUpA2', 'confidentialA1'];

const VISIBLE: Record<PersonKey, CaseKey[]> = {
  admin: ALL,
  auditor: ALL,
  liaisonA: WORK_A,
  headA: WORK_A,
  uptA1: ['followUpA1', 'distributedA1', 'confidentialA1'],
  fieldA1: ['followUpA1', 'distributedA1', 'confidentialA1'],
  fieldA2: ['followUpA2'],
  liaisonB: ['followUpB'],
  fieldB1: ['followUpB'],
  retiredFieldA1: [],
};

/** Who may read the confidential reporter's identity (DOMAIN.md: hidden from who does not need it). */
const SEES_CONFIDENTIAL_IDENTITY: PersonKey[] = ['admin', 'liaisonA'];

describe.each(stores)('record-level access on %s', (kind) => {
  let server: TestServer;
  const sessions = new Map<PersonKey, Session>();
  const pulled = new Map<PersonKey, string>();

  beforeAll(async () => {
    server = await startServer(kind);
    await server.insertCases(Object.values(CASES));
    for (const key of Object.keys(VISIBLE) as PersonKey[]) {
      if (key === 'retiredFieldA1') continue;
      const session = await server.login(key);
      sessions.set(key, session);
      pulled.set(key, JSON.stringify(await session.pullAll()));
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const people = (Object.keys(VISIBLE) as PersonKey[]).filter((k) => k !== 'retiredFieldA1');

  it.each(people)('%s pulls exactly the cases of their scope', (who) => {
    const body = pulled.get(who)!;
    for (const key of ALL) {
      expect(body.includes(CASES[key].id), `${who} / ${key}`).toBe(VISIBLE[who].includes(key));
    }
  });

  it.each(people)('%s sees the confidential reporter only if they need to', (who) => {
    const body = pulled.get(who)!;
    const shouldSee = SEES_CONFIDENTIAL_IDENTITY.includes(who);
    for (const secret of [NIK, 'Yohana Wenda', '+6281344556677', 'Abepura']) {
      expect(body.includes(secret), `${who} / ${secret}`).toBe(shouldSee && VISIBLE[who].includes('confidentialA1'));
    }
  });

  it.each(people)('%s reads the audit trail of a case only within scope', async (who) => {
    const session = sessions.get(who)!;
    for (const key of ALL) {
      const result = await session.call('GET', `/audit/cases/${CASES[key].id}`);
      expect(result.status, `${who} / ${key}`).toBe(VISIBLE[who].includes(key) ? 200 : 404);
    }
  });

  it.each(people)('%s: the whole audit trail and the account list are for the auditor and the admin', async (who) => {
    const session = sessions.get(who)!;
    const allowed = who === 'auditor' || who === 'admin';
    expect((await session.call('GET', '/audit/events')).status).toBe(allowed ? 200 : 403);
    expect((await session.call('GET', '/admin/users')).status).toBe(allowed ? 200 : 403);
    const create = await session.call('POST', '/admin/users', { username: `baru.${who.toLowerCase()}`, displayName: 'Baru', role: 'field_worker', unitId: UNITS.uptA1.id, password: 'sandi-baru-123' });
    expect(create.status).toBe(who === 'admin' ? 201 : 403);
  });

  it.each(people)('%s: forged ids inside a batch are refused one by one, without leaking', async (who) => {
    const session = sessions.get(who)!;
    const hidden = ALL.filter((key) => !VISIBLE[who].includes(key));
    if (hidden.length === 0) return;
    const batch = hidden.flatMap((key) => [
      session.update(CASES[key].id, { urgency: 'urgent' }, { urgency: 'normal' }, 1),
      session.create('report', uuidv7(), { caseId: CASES[key].id, findings: 'x' }),
    ]);
    const response = await session.push(batch);
    for (const result of response.results) {
      expect(result).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
      expect(JSON.stringify(result)).not.toContain(NIK);
    }
    for (const key of hidden) expect((await server.caseOnServer(CASES[key].id))?.version).toBe(1);
  });

  it('the auditor changes nothing', async () => {
    const auditor = sessions.get('auditor')!;
    const response = await auditor.push([auditor.update(CASES.received.id, { title: 'Diubah auditor' }, { title: CASES.received.title }, 1)]);
    expect(response.results[0]).toMatchObject({ status: 'rejected', error: { code: 'read_only' } });
  });

  it('a push must come from the signed-in device', async () => {
    const liaison = sessions.get('liaisonA')!;
    const result = await liaison.call('POST', '/sync/push', { protocolVersion: 1, deviceId: 'someone-elses-device', mutations: [liaison.update(CASES.followUpA1.id, { urgency: 'urgent' }, { urgency: 'normal' }, 1)] });
    expect(result.status).toBe(403);
  });

  it('without a token nothing is served', async () => {
    const liaison = sessions.get('liaisonA')!;
    for (const [method, path] of [['POST', '/sync/push'], ['POST', '/sync/pull'], ['GET', '/sync/directory'], ['GET', '/audit/events'], ['GET', '/admin/users']] as const) {
      const result = await fetch(`${liaison.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect(result.status, path).toBe(401);
    }
  });
});
