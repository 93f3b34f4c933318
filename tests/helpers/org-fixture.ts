/**
 * A small organisation for tests: the central admin unit, two work units with regional units
 * (UPT) in different zones, and one person of every role. Reads like the domain:
 * `org.person('liaisonA')`, `org.caseIn('in_follow_up')`.
 */
import {
  DEFAULT_CONFIG,
  unitDirectory,
  type CaseRecord,
  type CaseStatus,
  type ReportRecord,
  type ReportStatus,
  type Person,
  type Role,
  type Unit,
  type WorkflowDirectory,
} from '../../src/shared';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const UNITS = {
  central: { id: id(1), code: 'humas', name: 'Biro Humas', kind: 'central', parentId: null, timeZone: 'WIB', region: 'DKI Jakarta' },
  workA: { id: id(2), code: 'linjamsos', name: 'Ditjen Linjamsos', kind: 'work_unit', parentId: null, timeZone: 'WIB', region: 'DKI Jakarta' },
  uptA1: { id: id(3), code: 'upt_makassar', name: 'Sentra Wirajaya Makassar', kind: 'regional', parentId: id(2), timeZone: 'WITA', region: 'Sulawesi Selatan' },
  uptA2: { id: id(4), code: 'upt_jayapura', name: 'Sentra Jayapura', kind: 'regional', parentId: id(2), timeZone: 'WIT', region: 'Papua' },
  workB: { id: id(5), code: 'dayasos', name: 'Ditjen Dayasos', kind: 'work_unit', parentId: null, timeZone: 'WIB', region: 'DKI Jakarta' },
  uptB1: { id: id(6), code: 'upt_bandung', name: 'Sentra Bandung', kind: 'regional', parentId: id(5), timeZone: 'WIB', region: 'Jawa Barat' },
} satisfies Record<string, Unit>;

export const PEOPLE = {
  admin: { id: id(101), role: 'admin', unitId: UNITS.central.id, isActive: true },
  auditor: { id: id(102), role: 'auditor', unitId: UNITS.central.id, isActive: true },
  liaisonA: { id: id(103), role: 'liaison', unitId: UNITS.workA.id, isActive: true },
  headA: { id: id(104), role: 'unit_head', unitId: UNITS.workA.id, isActive: true },
  uptA1: { id: id(105), role: 'upt_staff', unitId: UNITS.uptA1.id, isActive: true },
  fieldA1: { id: id(106), role: 'field_worker', unitId: UNITS.uptA1.id, isActive: true },
  fieldA2: { id: id(107), role: 'field_worker', unitId: UNITS.uptA2.id, isActive: true },
  liaisonB: { id: id(108), role: 'liaison', unitId: UNITS.workB.id, isActive: true },
  fieldB1: { id: id(109), role: 'field_worker', unitId: UNITS.uptB1.id, isActive: true },
  retiredFieldA1: { id: id(110), role: 'field_worker', unitId: UNITS.uptA1.id, isActive: false },
} satisfies Record<string, Person>;

export type PersonKey = keyof typeof PEOPLE;

/** The person of each role who may act on a work-unit-A case that has reached them. */
export const ACTOR_FOR_ROLE: Record<Role, PersonKey> = {
  admin: 'admin',
  auditor: 'auditor',
  liaison: 'liaisonA',
  unit_head: 'headA',
  upt_staff: 'uptA1',
  field_worker: 'fieldA1',
};

export function directory(): WorkflowDirectory {
  const units = unitDirectory(Object.values(UNITS));
  const people = new Map<string, Person>(Object.values(PEOPLE).map((p) => [p.id, p]));
  const channels = new Map(DEFAULT_CONFIG.channels.map((c) => [c.key, c.reportsBack]));
  const topics = new Set(DEFAULT_CONFIG.topics.map((t) => t.key));
  return {
    units,
    person: (userId) => people.get(userId),
    channelReportsBack: (channel) => channels.get(channel) ?? false,
    topicExists: (topic) => topics.has(topic),
  };
}

export function actor(key: PersonKey) {
  const person = PEOPLE[key];
  return { userId: person.id, role: person.role, unitId: person.unitId };
}

let caseCounter = 1000;

/** A case of work unit A in `status`, shaped as it would be after the steps before it. */
export function caseIn(status: CaseStatus, overrides: Partial<CaseRecord> = {}): CaseRecord {
  caseCounter += 1;
  const distributed = !['received', 'verified', 'archived', 'answered'].includes(status);
  const inFollowUp = ['in_follow_up', 'finished', 'rated', 'auto_closed'].includes(status);
  return {
    id: id(caseCounter),
    channel: 'lapor',
    ticketId: `LAPOR-${caseCounter}`,
    kind: 'complaint',
    topic: status === 'received' ? null : 'pkh',
    urgency: 'normal',
    title: 'Bantuan PKH belum cair',
    description: 'Pelapor belum menerima bantuan PKH tahap ketiga.',
    reporter: { name: 'Siti Aminah', nik: '3174015208900001', kk: '3174012001150003', phone: '+6281234567890', address: 'Jl. Salemba Raya 28, Jakarta Pusat' },
    isAnonymous: false,
    isConfidential: false,
    receivedAt: '2026-11-02T02:00:00.000Z',
    unitId: distributed ? UNITS.workA.id : null,
    regionalUnitIds: distributed ? [UNITS.uptA1.id] : [],
    assigneeIds: inFollowUp ? [PEOPLE.fieldA1.id] : [],
    status,
    resolutionNote: null,
    channelReference: null,
    rating: null,
    distributedAt: distributed ? '2026-11-03T02:00:00.000Z' : null,
    finishedAt: ['finished', 'rated', 'auto_closed'].includes(status) ? '2026-11-06T02:00:00.000Z' : null,
    possibleDuplicateIds: [],
    version: 1,
    createdAt: '2026-11-02T02:00:00.000Z',
    updatedAt: '2026-11-02T02:00:00.000Z',
    ...overrides,
  };
}

export function reportIn(status: ReportStatus, overrides: Partial<ReportRecord> = {}): ReportRecord {
  return {
    id: '00000000-0000-4000-8000-000000009001',
    caseId: caseIn('in_follow_up').id,
    authorId: PEOPLE.fieldA1.id,
    unitId: UNITS.uptA1.id,
    status,
    visitDate: '2026-11-04',
    method: 'home_visit',
    findings: 'Keluarga terdaftar di DTKS, rekening KKS belum aktif.',
    actionsTaken: 'Mendampingi aktivasi rekening di bank penyalur.',
    beneficiaryChecks: [{ program: 'pkh', status: 'active', note: null }],
    outcome: 'resolved',
    recommendation: 'Pantau pencairan tahap berikutnya.',
    attachmentIds: [],
    corrections: [],
    returnNote: null,
    submittedAt: null,
    approvedAt: null,
    closedAt: null,
    version: 1,
    createdAt: '2026-11-04T02:00:00.000Z',
    updatedAt: '2026-11-04T02:00:00.000Z',
    ...overrides,
  };
}

