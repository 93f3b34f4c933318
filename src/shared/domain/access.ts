/**
 * Who sees which case, and which of the reporter's personal data they see. The server
 * enforces this on every pull and push; the client uses it only to shape the screens.
 */
import type { CaseRecord, Reporter, ReporterField } from './case';
import { isWithinUnit, type Actor, type Role, type UnitDirectory } from './org';

type ScopedCase = Pick<CaseRecord, 'unitId' | 'regionalUnitIds' | 'assigneeIds' | 'status'>;

export function canSeeCase(actor: Actor, record: ScopedCase, units: UnitDirectory): boolean {
  switch (actor.role) {
    case 'admin':
    case 'auditor':
      return true;
    case 'liaison':
    case 'unit_head':
      return record.unitId !== null && isWithinUnit(units, record.unitId, actor.unitId);
    case 'upt_staff':
      return record.regionalUnitIds.includes(actor.unitId) || record.assigneeIds.includes(actor.userId);
    case 'field_worker':
      return record.assigneeIds.includes(actor.userId) || record.regionalUnitIds.includes(actor.unitId);
  }
}

export type Privacy = 'open' | 'confidential' | 'anonymous';

export function privacyOf(record: Pick<CaseRecord, 'isAnonymous' | 'isConfidential'>): Privacy {
  if (record.isAnonymous) return 'anonymous';
  if (record.isConfidential) return 'confidential';
  return 'open';
}

/**
 * Reporter fields each role needs, by the case's privacy. Field staff need name, phone and
 * address to visit; nobody below the admin and the liaison officer needs a confidential
 * reporter's identity; an anonymous reporter's identity is shown to no one.
 */
export const REPORTER_VISIBILITY: Record<Privacy, Record<Role, readonly ReporterField[]>> = {
  open: {
    admin: ['name', 'nik', 'kk', 'phone', 'address'],
    liaison: ['name', 'nik', 'kk', 'phone', 'address'],
    upt_staff: ['name', 'nik', 'kk', 'phone', 'address'],
    field_worker: ['name', 'nik', 'kk', 'phone', 'address'],
    unit_head: ['name'],
    auditor: ['name'],
  },
  confidential: {
    admin: ['name', 'nik', 'kk', 'phone', 'address'],
    liaison: ['name', 'nik', 'kk', 'phone', 'address'],
    upt_staff: [],
    field_worker: [],
    unit_head: [],
    auditor: [],
  },
  anonymous: {
    admin: [],
    liaison: [],
    upt_staff: [],
    field_worker: [],
    unit_head: [],
    auditor: [],
  },
};

/** The reporter as `role` may see it: hidden fields become null. */
export function reporterFor(
  role: Role,
  record: Pick<CaseRecord, 'isAnonymous' | 'isConfidential' | 'reporter'>,
): Reporter {
  const visible = new Set<ReporterField>(REPORTER_VISIBILITY[privacyOf(record)][role]);
  const reporter = record.reporter;
  return {
    name: visible.has('name') ? reporter.name : null,
    nik: visible.has('nik') ? reporter.nik : null,
    kk: visible.has('kk') ? reporter.kk : null,
    phone: visible.has('phone') ? reporter.phone : null,
    address: visible.has('address') ? reporter.address : null,
  };
}

/**
 * Whether an attachment of a visible case is shown to this person. A report's attachments
 * (visit photos) go with the case. The case's own attachments are the reporter's documents (a
 * KK or KTP scan at a walk-in): shown only to roles that may see the reporter's NIK under the
 * case's privacy, and to whoever added them.
 */
export function canSeeAttachment(
  actor: { role: Role; userId: string },
  record: Pick<CaseRecord, 'isAnonymous' | 'isConfidential'>,
  attachment: { reportId: string | null; createdBy: string },
): boolean {
  if (attachment.reportId !== null || attachment.createdBy === actor.userId) return true;
  return REPORTER_VISIBILITY[privacyOf(record)][actor.role].includes('nik');
}

/**
 * Whether two cases may be flagged as possible duplicates of each other (the same NIK or phone).
 * A link is shown to everyone who sees either case, beside the other case's reporter as their
 * role sees it. So an anonymous case is never linked (the link would name who wrote it), and a
 * confidential case only to another confidential one: a role that sees an open case's reporter
 * but not a confidential one's would otherwise learn who made the confidential complaint.
 */
export function mayLinkAsDuplicates(
  a: Pick<CaseRecord, 'isAnonymous' | 'isConfidential'>,
  b: Pick<CaseRecord, 'isAnonymous' | 'isConfidential'>,
): boolean {
  return !a.isAnonymous && !b.isAnonymous && a.isConfidential === b.isConfidential;
}

/** Roles that only read. */
export function isReadOnlyRole(role: Role): boolean {
  return role === 'auditor';
}
