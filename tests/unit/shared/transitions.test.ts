/**
 * The workflow table against DOMAIN.md. The expectations below are written by hand from the
 * nine-step flow, not derived from the table, so the table cannot test itself into agreement;
 * the matrix walks every (status, action, role) the table could possibly contain.
 */
import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  ERROR_CODES,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  ROLES,
  applyCaseAction,
  availableCaseActions,
  availableReportActions,
  checkCaseAction,
  checkReportAction,
  type CaseAction,
  type CaseContext,
  type ReportAction,
  type ReportContext,
  type ReportStatus,
  type WorkflowRole,
} from '../../../src/shared';
import { ACTOR_FOR_ROLE, PEOPLE, UNITS, actor, caseIn, directory, reportIn as report } from '../../helpers/org-fixture';

const CASE_EXPECTED: Record<string, readonly WorkflowRole[]> = {
  'received/verify': ['admin'],
  'received/archive': ['admin'],
  'verified/distribute': ['admin'],
  'verified/answer': ['admin'],
  'distributed/accept': ['liaison'],
  'in_follow_up/assign': ['liaison', 'upt_staff'],
  'in_follow_up/unassign': ['liaison', 'upt_staff'],
  'distributed/reassign': ['admin'],
  'in_follow_up/reassign': ['admin'],
  'in_follow_up/finish': ['liaison'],
  'finished/rate': ['liaison'],
  'finished/auto_close': ['system'],
};

const REPORT_EXPECTED: Record<string, readonly WorkflowRole[]> = {
  'new/create': ['field_worker', 'upt_staff'],
  'draft/edit': ['field_worker', 'upt_staff'],
  'draft/submit': ['field_worker', 'upt_staff'],
  'returned/edit': ['field_worker', 'upt_staff'],
  'returned/resubmit': ['field_worker', 'upt_staff'],
  'submitted/edit': ['field_worker', 'upt_staff'],
  'submitted/correct': ['liaison'],
  'submitted/return': ['liaison'],
  'submitted/approve': ['liaison'],
  'approved/close': ['unit_head'],
};

const ALL_ROLES: readonly WorkflowRole[] = [...ROLES, 'system'];

const VALID_CASE_PAYLOAD: Record<CaseAction, unknown> = {
  verify: { topic: 'pkh' },
  archive: { reason: 'Bukan kewenangan Kementerian Sosial.' },
  distribute: { unitId: UNITS.workA.id, regionalUnitIds: [UNITS.uptA1.id] },
  answer: { answer: 'Informasi jadwal penyaluran PKH ada di laman resmi.' },
  accept: {},
  assign: { assigneeIds: [PEOPLE.fieldA1.id] },
  unassign: { assigneeIds: [PEOPLE.fieldA1.id] },
  reassign: { unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], reason: 'Salah unit: ini urusan pemberdayaan sosial.' },
  finish: { note: 'Bantuan sudah cair.', channelReference: 'TL-2026-0001' },
  rate: { rating: 5 },
  auto_close: {},
};

function actorFor(role: WorkflowRole) {
  if (role === 'system') return { userId: PEOPLE.admin.id, role, unitId: UNITS.central.id } as const;
  return actor(ACTOR_FOR_ROLE[role]);
}

function caseContext(status: (typeof CASE_STATUSES)[number], role: WorkflowRole): CaseContext {
  return { actor: actorFor(role), record: caseIn(status), directory: directory(), reportStatuses: ['closed'] };
}

function reportContext(status: ReportStatus | null, role: WorkflowRole): ReportContext {
  const who = actorFor(role);
  const authorId = role === 'upt_staff' ? PEOPLE.uptA1.id : PEOPLE.fieldA1.id;
  return {
    actor: who,
    report: status === null ? null : report(status, { authorId }),
    caseRecord: caseIn('in_follow_up'),
    directory: directory(),
  };
}

const VALID_REPORT_PAYLOAD: Record<ReportAction, unknown> = {
  create: { findings: 'Kunjungan pertama.' },
  edit: { recommendation: 'Koordinasi dengan dinas sosial kabupaten.' },
  submit: {},
  resubmit: {},
  correct: { field: 'outcome', value: 'partly_resolved', reason: 'Pencairan baru sebagian.' },
  return: { note: 'Lampirkan foto kunjungan.' },
  approve: {},
  close: {},
};

describe('case transitions: every (status, action, role)', () => {
  for (const status of CASE_STATUSES) {
    for (const action of CASE_ACTIONS) {
      for (const role of ALL_ROLES) {
        const expected = (CASE_EXPECTED[`${status}/${action}`] ?? []).includes(role);
        it(`${status} --${action}--> as ${role}: ${expected ? 'allowed' : 'refused'}`, () => {
          const result = checkCaseAction(action, caseContext(status, role), VALID_CASE_PAYLOAD[action]);
          expect(result.ok).toBe(expected);
          if (!result.ok) {
            expect(ERROR_CODES).toContain(result.code);
            expect(result.reason.length).toBeGreaterThan(5);
          }
        });
      }
    }
  }
});

describe('report transitions: every (status, action, role)', () => {
  for (const status of [null, ...REPORT_STATUSES] as const) {
    for (const action of REPORT_ACTIONS) {
      for (const role of ALL_ROLES) {
        const expected = (REPORT_EXPECTED[`${status ?? 'new'}/${action}`] ?? []).includes(role);
        it(`${status ?? 'new'} --${action}--> as ${role}: ${expected ? 'allowed' : 'refused'}`, () => {
          const result = checkReportAction(action, reportContext(status, role), VALID_REPORT_PAYLOAD[action]);
          expect(result.ok).toBe(expected);
          if (!result.ok) {
            expect(ERROR_CODES).toContain(result.code);
            expect(result.reason.length).toBeGreaterThan(5);
          }
        });
      }
    }
  }
});

describe('available actions are exactly the allowed ones', () => {
  it('for cases', () => {
    for (const status of CASE_STATUSES) {
      for (const role of ALL_ROLES) {
        const expected = CASE_ACTIONS.filter((a) => (CASE_EXPECTED[`${status}/${a}`] ?? []).includes(role));
        expect(availableCaseActions(caseContext(status, role)).sort(), `${status} as ${role}`).toEqual(expected.sort());
      }
    }
  });
  it('for reports', () => {
    for (const status of [null, ...REPORT_STATUSES] as const) {
      for (const role of ALL_ROLES) {
        const expected = REPORT_ACTIONS.filter((a) => (REPORT_EXPECTED[`${status ?? 'new'}/${a}`] ?? []).includes(role));
        expect(availableReportActions(reportContext(status, role)).sort(), `${status} as ${role}`).toEqual(expected.sort());
      }
    }
  });
});

describe('guards refuse with a reason', () => {
  const dir = directory();
  const ctx = (over: Partial<CaseContext>): CaseContext => ({
    actor: actor('liaisonA'),
    record: caseIn('in_follow_up'),
    directory: dir,
    reportStatuses: ['closed'],
    ...over,
  });

  it('a liaison officer of another work unit cannot act on the case', () => {
    const result = checkCaseAction('accept', ctx({ actor: actor('liaisonB'), record: caseIn('distributed') }), {});
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('the auditor is read-only', () => {
    const result = checkCaseAction('verify', ctx({ actor: actor('auditor'), record: caseIn('received') }), { topic: 'pkh' });
    expect(result).toMatchObject({ ok: false, code: 'read_only' });
  });

  it('distribution goes to a work unit, with copies only to its own UPTs', () => {
    const admin = actor('admin');
    const verified = caseIn('verified');
    expect(checkCaseAction('distribute', ctx({ actor: admin, record: verified }), { unitId: UNITS.uptA1.id })).toMatchObject({ ok: false, code: 'guard_failed' });
    expect(
      checkCaseAction('distribute', ctx({ actor: admin, record: verified }), { unitId: UNITS.workA.id, regionalUnitIds: [UNITS.uptB1.id] }),
    ).toMatchObject({ ok: false, code: 'guard_failed' });
  });

  it('an unknown topic cannot be verified', () => {
    expect(checkCaseAction('verify', ctx({ actor: actor('admin'), record: caseIn('received') }), { topic: 'zakat' })).toMatchObject({ ok: false });
  });

  it('a UPT assigns only its own field staff; nobody assigns outside their unit or an inactive person', () => {
    const upt = actor('uptA1');
    expect(checkCaseAction('assign', ctx({ actor: upt }), { assigneeIds: [PEOPLE.fieldA2.id] })).toMatchObject({ ok: false });
    expect(checkCaseAction('assign', ctx({ actor: upt }), { regionalUnitIds: [UNITS.uptA2.id] })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkCaseAction('assign', ctx({}), { assigneeIds: [PEOPLE.fieldB1.id] })).toMatchObject({ ok: false });
    expect(checkCaseAction('assign', ctx({}), { assigneeIds: [PEOPLE.retiredFieldA1.id] })).toMatchObject({ ok: false });
    expect(checkCaseAction('assign', ctx({}), { assigneeIds: [PEOPLE.admin.id] })).toMatchObject({ ok: false });
    expect(checkCaseAction('assign', ctx({}), { assigneeIds: [] })).toMatchObject({ ok: false, code: 'invalid_body' });
    expect(checkCaseAction('assign', ctx({}), { regionalUnitIds: [UNITS.uptA2.id], assigneeIds: [PEOPLE.fieldA2.id] })).toMatchObject({ ok: true });
  });

  it('a case is finished only after a closed report, with the channel reference where the channel needs one', () => {
    expect(checkCaseAction('finish', ctx({ reportStatuses: [] }), VALID_CASE_PAYLOAD.finish)).toMatchObject({ ok: false, code: 'guard_failed' });
    expect(checkCaseAction('finish', ctx({ reportStatuses: ['closed', 'submitted'] }), VALID_CASE_PAYLOAD.finish)).toMatchObject({ ok: false });
    expect(checkCaseAction('finish', ctx({}), { note: 'Selesai.' })).toMatchObject({ ok: false, code: 'guard_failed' });
    const phoneCase = caseIn('in_follow_up', { channel: 'cc171' });
    expect(checkCaseAction('finish', ctx({ record: phoneCase }), { note: 'Selesai.' })).toMatchObject({ ok: true });
  });

  it('reassignment moves the case to another work unit and clears the field assignments', () => {
    const context = ctx({ actor: actor('admin') });
    const check = checkCaseAction('reassign', context, VALID_CASE_PAYLOAD.reassign);
    if (!check.ok) throw new Error(check.reason);
    expect(applyCaseAction(context, 'reassign', check.payload, '2026-11-05T01:00:00.000Z')).toMatchObject({
      status: 'distributed', unitId: UNITS.workB.id, regionalUnitIds: [UNITS.uptB1.id], assigneeIds: [],
    });
    expect(checkCaseAction('reassign', context, { ...VALID_CASE_PAYLOAD.reassign as object, unitId: UNITS.workA.id })).toMatchObject({ ok: false });
  });

  it('only what is assigned can be unassigned; a UPT cannot remove another UPT', () => {
    expect(checkCaseAction('unassign', ctx({}), { assigneeIds: [PEOPLE.fieldA2.id] })).toMatchObject({ ok: false });
    expect(checkCaseAction('unassign', ctx({ actor: actor('uptA1') }), { regionalUnitIds: [UNITS.uptA1.id] })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a rating is 1 to 5', () => {
    expect(checkCaseAction('rate', ctx({ record: caseIn('finished') }), { rating: 6 })).toMatchObject({ ok: false, code: 'invalid_body' });
  });

  it('unknown payload fields are refused', () => {
    expect(checkCaseAction('accept', ctx({ record: caseIn('distributed') }), { status: 'rated' })).toMatchObject({ ok: false, code: 'invalid_body' });
  });

  it('a field worker not assigned to the case cannot write a report; an incomplete one cannot be submitted', () => {
    const base: ReportContext = { actor: actor('fieldA2'), report: null, caseRecord: caseIn('in_follow_up'), directory: dir };
    expect(checkReportAction('create', base, {})).toMatchObject({ ok: false, code: 'forbidden' });
    const incomplete = report('draft', { findings: '', outcome: null });
    expect(checkReportAction('submit', { ...base, actor: actor('fieldA1'), report: incomplete }, {})).toMatchObject({ ok: false, code: 'guard_failed' });
  });

  it('a correction needs a reason and a different, valid value', () => {
    const base: ReportContext = { actor: actor('liaisonA'), report: report('submitted'), caseRecord: caseIn('in_follow_up'), directory: dir };
    expect(checkReportAction('correct', base, { field: 'outcome', value: 'resolved', reason: 'x' })).toMatchObject({ ok: false });
    expect(checkReportAction('correct', base, { field: 'outcome', value: 'maybe', reason: 'x' })).toMatchObject({ ok: false });
    expect(checkReportAction('correct', base, { field: 'outcome', value: 'referred', reason: '' })).toMatchObject({ ok: false, code: 'invalid_body' });
  });
});

describe('applying an action', () => {
  it('distribution sets the unit, the UPT copies and the time', () => {
    const context: CaseContext = { actor: actor('admin'), record: caseIn('verified'), directory: directory(), reportStatuses: [] };
    const check = checkCaseAction('distribute', context, VALID_CASE_PAYLOAD.distribute);
    if (!check.ok) throw new Error(check.reason);
    expect(applyCaseAction(context, 'distribute', check.payload, '2026-11-05T01:00:00.000Z')).toEqual({
      status: 'distributed',
      unitId: UNITS.workA.id,
      regionalUnitIds: [UNITS.uptA1.id],
      distributedAt: '2026-11-05T01:00:00.000Z',
    });
  });

  it('assignment adds to the assignees without duplicates', () => {
    const context: CaseContext = { actor: actor('liaisonA'), record: caseIn('in_follow_up'), directory: directory(), reportStatuses: [] };
    const check = checkCaseAction('assign', context, { assigneeIds: [PEOPLE.fieldA1.id, PEOPLE.fieldA2.id] });
    if (!check.ok) throw new Error(check.reason);
    const next = applyCaseAction(context, 'assign', check.payload, '2026-11-05T01:00:00.000Z');
    expect(next.assigneeIds).toEqual([PEOPLE.fieldA1.id, PEOPLE.fieldA2.id]);
  });
});
