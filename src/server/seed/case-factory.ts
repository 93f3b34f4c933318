/**
 * Synthetic cases, each told as the workflow would have it happen: received on a channel,
 * verified, distributed, accepted, assigned, reported on, finished, rated. Every case step goes
 * through the shared transition table's `applyCaseAction`, so the records carry exactly the
 * fields the real actions set; report steps mirror the server's push. Each step leaves an
 * audit event, field metadata and a version, as a real push would.
 *
 * A case is first planned (who, what, which final status) and then told along a clock: the
 * officers act in their own zone's office hours on working days. When a story would end in
 * the future, it is told again a whole number of weeks earlier with the same random draws, so
 * weekdays and office hours stay right. Duplicates (same reporter and topic) are paired within
 * one batch, so both records can be flagged before they are written.
 */
import {
  REPORT_CONTENT_FIELDS,
  addWorkingDays,
  applyCaseAction,
  deadlineDaysFor,
  isWorkingDay,
  localDate,
  unitDirectory,
  workingCalendar,
  TIME_ZONES,
  type BeneficiaryCheck,
  type CaseAction,
  type CaseEvent,
  type CaseKind,
  type CasePayload,
  type CaseRecord,
  type CaseStatus,
  type FieldChange,
  type OrgConfig,
  type Person,
  type Reporter,
  type ReportRecord,
  type ReportStatus,
  type Role,
  type TimeZone,
  type Unit,
  type WorkflowActor,
  type WorkflowDirectory,
  type WorkingCalendar,
} from '../../shared';
import type { Queryable } from '../db/database';
import type { FieldMeta } from '../sync/store';
import {
  ARCHIVE_REASONS,
  CORRECTED_RECOMMENDATIONS,
  CORRECTION_REASONS,
  RETURN_NOTES,
  caseText,
  finishNote,
  normativeAnswer,
  reportText,
  type ReportText,
} from './complaint-texts';
import {
  PROVINCE_TABLE,
  makeKk,
  makeNik,
  makePhone,
  personName,
  pickPlace,
  randomDate,
  streetAddress,
  type Gender,
  type Place,
} from './indonesia';
import { createRandom, weightedTable, type WeightedTable } from './random';

type VisitMethod = NonNullable<ReportRecord['method']>;
type Outcome = NonNullable<ReportRecord['outcome']>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

// ---------------------------------------------------------------------------------------------
// The organisation as the factory needs it
// ---------------------------------------------------------------------------------------------

export interface RosterUnit {
  id: string;
  code: string;
  name: string;
  timeZone: TimeZone;
}

export interface RegionalRoster extends RosterUnit {
  staffIds: readonly string[];
  fieldWorkerIds: readonly string[];
}

export interface WorkUnitRoster extends RosterUnit {
  liaisonIds: readonly string[];
  headIds: readonly string[];
  regionals: readonly RegionalRoster[];
}

export interface OrgRoster {
  units: readonly Unit[];
  people: readonly Person[];
  adminIds: readonly string[];
  /** Work units with at least one active liaison officer: the only ones cases can go to. */
  workUnits: readonly WorkUnitRoster[];
}

export function buildRoster(units: readonly Unit[], people: readonly Person[]): OrgRoster {
  const active = people.filter((p) => p.isActive);
  const ids = (role: Role, unitId: string) =>
    active.filter((p) => p.role === role && p.unitId === unitId).map((p) => p.id);
  const workUnits = units
    .filter((unit) => unit.kind === 'work_unit')
    .map((unit) => ({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      timeZone: unit.timeZone,
      liaisonIds: ids('liaison', unit.id),
      headIds: ids('unit_head', unit.id),
      regionals: units
        .filter((child) => child.kind === 'regional' && child.parentId === unit.id)
        .map((child) => ({
          id: child.id,
          code: child.code,
          name: child.name,
          timeZone: child.timeZone,
          staffIds: ids('upt_staff', child.id),
          fieldWorkerIds: ids('field_worker', child.id),
        })),
    }))
    .filter((unit) => unit.liaisonIds.length > 0);
  const adminIds = active.filter((p) => p.role === 'admin').map((p) => p.id);
  if (adminIds.length === 0 || workUnits.length === 0) {
    throw new Error(
      'Cannot generate cases: the organisation needs at least one active admin and one work unit with an active liaison officer.',
    );
  }
  return { units, people, adminIds, workUnits };
}

export async function loadRoster(db: Queryable): Promise<OrgRoster> {
  const units = (
    await db.query<{
      id: string;
      code: string;
      name: string;
      kind: Unit['kind'];
      parent_id: string | null;
      time_zone: TimeZone;
      region: string;
    }>('select id, code, name, kind, parent_id, time_zone, region from units order by id')
  ).rows.map((r): Unit => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id,
    timeZone: r.time_zone,
    region: r.region,
  }));
  const people = (
    await db.query<{ id: string; role: Role; unit_id: string; is_active: boolean }>(
      'select id, role, unit_id, is_active from users order by id',
    )
  ).rows.map((r): Person => ({ id: r.id, role: r.role, unitId: r.unit_id, isActive: r.is_active }));
  return buildRoster(units, people);
}

// ---------------------------------------------------------------------------------------------
// What comes out
// ---------------------------------------------------------------------------------------------

export interface GeneratedReport {
  record: ReportRecord;
  fieldMeta: FieldMeta;
}

export interface GeneratedCase {
  record: CaseRecord;
  fieldMeta: FieldMeta;
  reports: GeneratedReport[];
  /** In the order they happened. */
  events: CaseEvent[];
}

export interface CaseFactoryOptions {
  seed: number;
  roster: OrgRoster;
  config: OrgConfig;
  now: Date;
  /** Serial number of the first ticket; continues after the cases already stored. */
  firstSerial: number;
  /** Topic → work unit codes that follow it up; topics not listed go to any work unit. */
  topicRoutes?: Readonly<Record<string, readonly string[]>>;
  /** Regional unit code → province codes it serves. */
  coverage?: Readonly<Record<string, readonly string[]>>;
}

export interface CaseFactory {
  /** The next `count` cases; possible duplicates are paired within the batch. */
  batch(count: number): GeneratedCase[];
}

// ---------------------------------------------------------------------------------------------
// Proportions
// ---------------------------------------------------------------------------------------------

const CHANNEL_WEIGHTS: Record<string, number> = {
  lapor: 40,
  cc171: 15,
  jaga_bansos: 12,
  walk_in: 12,
  sms1708: 9,
  wbs: 8,
};
const TOPIC_WEIGHTS: Record<string, number> = {
  dtks: 26,
  pkh: 24,
  bpnt: 20,
  disaster: 7,
  abuse: 7,
  other: 16,
};

const KIND_BY_TOPIC = {
  urgent: weightedTable<CaseKind>([
    ['complaint', 85],
    ['information_request', 10],
    ['aspiration', 5],
  ]),
  normal: weightedTable<CaseKind>([
    ['complaint', 72],
    ['information_request', 16],
    ['aspiration', 12],
  ]),
};

const STATUS_BY_KIND: Record<CaseKind, WeightedTable<CaseStatus>> = {
  complaint: weightedTable<CaseStatus>([
    ['received', 6],
    ['verified', 4],
    ['archived', 5],
    ['answered', 6],
    ['distributed', 6],
    ['in_follow_up', 20],
    ['finished', 9],
    ['rated', 26],
    ['auto_closed', 18],
  ]),
  information_request: weightedTable<CaseStatus>([
    ['received', 8],
    ['verified', 5],
    ['archived', 5],
    ['answered', 60],
    ['distributed', 3],
    ['in_follow_up', 6],
    ['finished', 3],
    ['rated', 6],
    ['auto_closed', 4],
  ]),
  aspiration: weightedTable<CaseStatus>([
    ['received', 8],
    ['verified', 6],
    ['archived', 10],
    ['answered', 30],
    ['distributed', 6],
    ['in_follow_up', 12],
    ['finished', 6],
    ['rated', 12],
    ['auto_closed', 10],
  ]),
};

/** How many days before now a case in this final status was received (min, max). */
const AGE_DAYS: Record<CaseStatus, readonly [number, number]> = {
  received: [0, 5],
  verified: [0.2, 6],
  archived: [0.5, 60],
  answered: [0.5, 60],
  distributed: [0.5, 8],
  in_follow_up: [2, 35],
  finished: [3, 14],
  rated: [6, 60],
  auto_closed: [20, 60],
};

/** Chance that each part of the reporter's identity was given, by channel. */
interface Completeness {
  name: number;
  nik: number;
  kk: number;
  phone: number;
  address: number;
  anonymous: number;
  confidential: number;
}
const COMPLETENESS: Record<string, Completeness> = {
  lapor: { name: 1, nik: 0.85, kk: 0.6, phone: 0.9, address: 0.8, anonymous: 0.03, confidential: 0.03 },
  // Whistle-blowers often hide: a third anonymous, more confidential.
  wbs: { name: 1, nik: 0.5, kk: 0.2, phone: 0.7, address: 0.4, anonymous: 0.3, confidential: 0.4 },
  jaga_bansos: { name: 1, nik: 0.9, kk: 0.7, phone: 0.9, address: 0.8, anonymous: 0.03, confidential: 0.03 },
  cc171: { name: 0.95, nik: 0.5, kk: 0.2, phone: 1, address: 0.6, anonymous: 0.03, confidential: 0.03 },
  sms1708: { name: 0.7, nik: 0.4, kk: 0.1, phone: 1, address: 0.3, anonymous: 0.03, confidential: 0.03 },
  // In person, the service standard asks for a photocopy of the KK.
  walk_in: { name: 1, nik: 0.95, kk: 1, phone: 0.7, address: 1, anonymous: 0, confidential: 0.03 },
};
const DEFAULT_COMPLETENESS = COMPLETENESS.lapor as Completeness;

const TICKET_PREFIX: Record<string, string> = {
  lapor: 'LAPOR',
  wbs: 'WBS',
  jaga_bansos: 'JAGA',
  cc171: 'CC171',
  sms1708: 'SMS1708',
  walk_in: 'LANGSUNG',
};

const RATINGS = weightedTable([
  [1, 5],
  [2, 7],
  [3, 18],
  [4, 35],
  [5, 35],
] as const);
const METHODS = weightedTable<VisitMethod>([
  ['home_visit', 55],
  ['phone', 20],
  ['office_meeting', 10],
  ['document_check', 12],
  ['other', 3],
]);
const OUTCOME_TABLE = weightedTable<Outcome>([
  ['resolved', 60],
  ['partly_resolved', 20],
  ['not_resolved', 8],
  ['referred', 12],
]);
const OPEN_REPORT_STATUS = weightedTable<ReportStatus>([
  ['draft', 15],
  ['submitted', 30],
  ['returned', 10],
  ['approved', 25],
  ['closed', 20],
]);
const OPEN_REPORT_COUNT = weightedTable([
  [0, 20],
  [1, 60],
  [2, 20],
] as const);
const BENEFICIARY_STATUS = weightedTable<BeneficiaryCheck['status']>([
  ['registered', 30],
  ['active', 30],
  ['not_registered', 20],
  ['inactive', 15],
  ['unknown', 5],
]);

/** Share of cases that repeat an earlier reporter's complaint on the same topic (each pair flags two cases). */
const DUPLICATE_RATE = 0.0125;

// ---------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------

interface ReportPlan {
  authorId: string;
  authorUnit: RegionalRoster;
  final: ReportStatus;
  isReturnedOnce: boolean;
  correction: CorrectableField | null;
  text: ReportText;
  method: VisitMethod;
  outcome: Outcome;
  checks: BeneficiaryCheck[];
}

type CorrectableField = 'findings' | 'recommendation' | 'outcome';

interface AssignPlan {
  actor: WorkflowActor;
  regionalUnitIds: string[];
  assigneeIds: string[];
}

interface CasePlan {
  channel: string;
  ticketId: string;
  kind: CaseKind;
  topic: string;
  status: CaseStatus;
  intakeUrgency: 'normal' | 'urgent';
  verifiedUrgency: 'normal' | 'urgent';
  place: Place;
  reporter: Reporter;
  isAnonymous: boolean;
  isConfidential: boolean;
  title: string;
  description: string;
  workUnit: WorkUnitRoster;
  distributionUpts: string[];
  assign: AssignPlan | null;
  reports: ReportPlan[];
  archiveReason: string;
  answer: string;
  finishNote: string;
  channelReference: string | null;
  rating: number;
}

interface Partner {
  index: number;
  place: Place;
  reporter: Reporter;
  isConfidential: boolean;
  isPaired: boolean;
}

const PROGRESS: readonly CaseStatus[] = [
  'received',
  'verified',
  'distributed',
  'in_follow_up',
  'finished',
  'rated',
  'auto_closed',
];
const atLeast = (status: CaseStatus, floor: CaseStatus) =>
  PROGRESS.indexOf(status) >= PROGRESS.indexOf(floor);

export function createCaseFactory(options: CaseFactoryOptions): CaseFactory {
  const { roster, config } = options;
  const rng = createRandom(options.seed);
  const nowMs = options.now.getTime();
  let serial = options.firstSerial;

  const channelTable = weightedTable(config.channels.map((c) => [c, CHANNEL_WEIGHTS[c.key] ?? 5] as const));
  const topicTable = weightedTable(config.topics.map((t) => [t, TOPIC_WEIGHTS[t.key] ?? 5] as const));
  const programKeys = new Set(config.programs.map((p) => p.key));
  const centralZone: TimeZone = roster.units.find((u) => u.kind === 'central')?.timeZone ?? 'WIB';
  const calendars = new Map<TimeZone, WorkingCalendar>(
    (Object.keys(TIME_ZONES) as TimeZone[]).map((zone) => [zone, workingCalendar(zone, config.holidays)]),
  );
  const calendarOf = (zone: TimeZone) => calendars.get(zone) as WorkingCalendar;
  // Holidays are local dates, the same in every zone, so a local day is working or not whatever
  // the zone; remembered because every step of every case asks.
  const workingDays = new Map<number, boolean>();
  const isWorking = (day: number): boolean => {
    let known = workingDays.get(day);
    if (known === undefined) {
      known = isWorkingDay(day, calendarOf('WIB'));
      workingDays.set(day, known);
    }
    return known;
  };
  const unitZones = new Map(roster.units.map((u) => [u.id, u.timeZone]));
  const zoneOf = (actor: WorkflowActor): TimeZone => unitZones.get(actor.unitId) ?? centralZone;
  const regionalOf = new Map<string, RegionalRoster>();
  for (const unit of roster.workUnits)
    for (const upt of unit.regionals) {
      for (const id of [...upt.staffIds, ...upt.fieldWorkerIds]) regionalOf.set(id, upt);
    }
  const peopleById = new Map(roster.people.map((p) => [p.id, p]));
  const directory: WorkflowDirectory = {
    units: unitDirectory(roster.units),
    person: (id) => peopleById.get(id),
    channelReportsBack: (key) => config.channels.find((c) => c.key === key)?.reportsBack ?? false,
    topicExists: (key) => config.topics.some((t) => t.key === key),
  };
  const routes = new Map<string, WorkUnitRoster[]>();
  for (const topic of config.topics) {
    const codes = options.topicRoutes?.[topic.key] ?? [];
    const routed = codes.flatMap((code) => roster.workUnits.filter((u) => u.code === code));
    routes.set(topic.key, routed.length > 0 ? routed : [...roster.workUnits]);
  }
  const coverage = new Map(
    Object.entries(options.coverage ?? {}).map(([code, provinces]) => [code, new Set(provinces)]),
  );
  const actorOf = (id: string): WorkflowActor => {
    const person = peopleById.get(id);
    if (!person) throw new Error(`unknown person ${id}`);
    return { userId: person.id, role: person.role, unitId: person.unitId };
  };

  function makeReporter(place: Place, channel: string): Reporter {
    const c = COMPLETENESS[channel] ?? DEFAULT_COMPLETENESS;
    const gender: Gender = rng.chance(0.58) ? 'female' : 'male';
    const birth = randomDate(rng, options.now.getUTCFullYear() - 82, options.now.getUTCFullYear() - 19);
    const issued = randomDate(rng, 2008, Math.max(2008, options.now.getUTCFullYear() - 1));
    return {
      name: rng.chance(c.name) ? personName(rng, rng.weighted(place.province.names), gender) : null,
      nik: rng.chance(c.nik) ? makeNik(rng, place.regency, birth, gender) : null,
      kk: rng.chance(c.kk) ? makeKk(rng, place.regency, issued) : null,
      phone: rng.chance(c.phone) ? makePhone(rng) : null,
      address: rng.chance(c.address) ? streetAddress(rng, place) : null,
    };
  }

  function plan(findPartner: (topic: string) => Partner | null): { plan: CasePlan; partner: Partner | null } {
    const number = serial;
    serial += 1;
    const channel = rng.weighted(channelTable);
    const topic = rng.weighted(topicTable);
    const kind = rng.weighted(topic.isUrgent ? KIND_BY_TOPIC.urgent : KIND_BY_TOPIC.normal);
    let status = rng.weighted(STATUS_BY_KIND[kind]);
    const completeness = COMPLETENESS[channel.key] ?? DEFAULT_COMPLETENESS;
    const isAnonymous = rng.chance(completeness.anonymous);
    let isConfidential = !isAnonymous && rng.chance(completeness.confidential);

    // A repeat of an earlier report: same person (so same NIK or phone), same topic.
    const hasTopic = status !== 'received' && status !== 'archived';
    const partner = hasTopic && !isAnonymous && rng.chance(DUPLICATE_RATE) ? findPartner(topic.key) : null;
    const place = partner ? partner.place : pickPlace(rng, rng.weighted(PROVINCE_TABLE));
    let reporter: Reporter = { name: null, nik: null, kk: null, phone: null, address: null };
    if (partner) {
      reporter = partner.reporter;
      isConfidential = partner.isConfidential;
    } else if (!isAnonymous) {
      reporter = makeReporter(place, channel.key);
    }

    const workUnit = rng.pick(routes.get(topic.key) ?? roster.workUnits);
    const covering = workUnit.regionals.filter((u) => coverage.get(u.code)?.has(place.province.code));
    const homeUpt =
      covering.length > 0
        ? rng.pick(covering)
        : workUnit.regionals.length > 0
          ? rng.pick(workUnit.regionals)
          : null;
    const roll = rng.next();
    const distributionUpts = !homeUpt
      ? []
      : roll < 0.8
        ? [homeUpt.id]
        : roll < 0.88
          ? workUnit.regionals.map((u) => u.id)
          : [];

    // The liaison officer (or the area's UPT) assigns field staff of the case's regional units.
    const caseUpts =
      homeUpt && !distributionUpts.includes(homeUpt.id)
        ? [...distributionUpts, homeUpt.id]
        : distributionUpts;
    const uptRosters = workUnit.regionals.filter((u) => caseUpts.includes(u.id));
    const liaison = actorOf(rng.pick(workUnit.liaisonIds));
    let assign: AssignPlan | null = null;
    if (
      homeUpt &&
      distributionUpts.includes(homeUpt.id) &&
      homeUpt.staffIds.length > 0 &&
      homeUpt.fieldWorkerIds.length > 0 &&
      rng.chance(0.4)
    ) {
      const staff = actorOf(rng.pick(homeUpt.staffIds));
      assign = {
        actor: staff,
        regionalUnitIds: [],
        assigneeIds: rng.sample(homeUpt.fieldWorkerIds, rng.chance(0.8) ? 1 : 2),
      };
    } else {
      const home = homeUpt?.fieldWorkerIds ?? [];
      const all = uptRosters.flatMap((u) => u.fieldWorkerIds);
      const assigneeIds = rng.sample(home.length > 0 ? home : all, rng.chance(0.8) ? 1 : 2);
      const regionalUnitIds = caseUpts.filter((id) => !distributionUpts.includes(id));
      if (assigneeIds.length + regionalUnitIds.length > 0)
        assign = { actor: liaison, regionalUnitIds, assigneeIds };
    }

    const isOutOfScope = status === 'archived' && rng.chance(0.6);
    const text = caseText(rng, isOutOfScope ? 'out_of_scope' : topic.key, kind, channel.key, place);

    // Reports: written by the assigned field staff or by staff of the case's UPTs.
    const assignees = assign?.assigneeIds ?? [];
    const writers = [
      ...assignees.map((id) => ({ id, role: 'field_worker' as const })),
      ...uptRosters.flatMap((u) => u.staffIds).map((id) => ({ id, role: 'upt_staff' as const })),
    ];
    const canClose = workUnit.headIds.length > 0;
    if (atLeast(status, 'finished') && (writers.length === 0 || !canClose)) status = 'in_follow_up';
    const reports: ReportPlan[] = [];
    if (atLeast(status, 'in_follow_up') && writers.length > 0) {
      const isDone = atLeast(status, 'finished');
      const count = isDone ? (rng.chance(0.8) ? 1 : 2) : rng.weighted(OPEN_REPORT_COUNT);
      const fieldWriters = writers.filter((w) => w.role === 'field_worker');
      for (let i = 0; i < count; i += 1) {
        const writer =
          fieldWriters.length > 0 && rng.chance(0.8) ? rng.pick(fieldWriters) : rng.pick(writers);
        let final = isDone ? 'closed' : rng.weighted(OPEN_REPORT_STATUS);
        if (final === 'closed' && !canClose) final = 'approved';
        const outcome = isDone && rng.chance(0.6) ? 'resolved' : rng.weighted(OUTCOME_TABLE);
        const checks: BeneficiaryCheck[] = programKeys.has(topic.key)
          ? [{ program: topic.key, status: rng.weighted(BENEFICIARY_STATUS), note: null }]
          : [];
        if (topic.key !== 'dtks' && programKeys.has('dtks') && rng.chance(0.4)) {
          checks.push({
            program: 'dtks',
            status: rng.chance(0.7) ? 'registered' : 'not_registered',
            note: null,
          });
        }
        reports.push({
          authorId: writer.id,
          authorUnit: regionalOf.get(writer.id) as RegionalRoster,
          final,
          isReturnedOnce: final === 'returned' || (final !== 'draft' && rng.chance(0.15)),
          correction:
            (final === 'approved' || final === 'closed') && rng.chance(0.2)
              ? rng.pick(['findings', 'recommendation', 'outcome'] as const)
              : null,
          text: reportText(rng, topic.key, text.handling, i === 0),
          method: rng.weighted(METHODS),
          outcome,
          checks,
        });
      }
    }

    const prefix = TICKET_PREFIX[channel.key] ?? channel.key.toUpperCase().replace(/_/g, '-');
    const ticketId = `${prefix}-${String(number).padStart(7, '0')}`;
    const isUrgent = topic.isUrgent || rng.chance(0.03);
    return {
      partner,
      plan: {
        channel: channel.key,
        ticketId,
        kind,
        topic: topic.key,
        status,
        intakeUrgency: topic.isUrgent && rng.chance(0.5) ? 'urgent' : 'normal',
        verifiedUrgency: isUrgent ? 'urgent' : 'normal',
        place,
        reporter,
        isAnonymous,
        isConfidential,
        title: text.title,
        description: text.description,
        workUnit,
        distributionUpts,
        assign,
        reports,
        archiveReason: rng.pick(isOutOfScope ? ARCHIVE_REASONS.outOfScope : ARCHIVE_REASONS.inScope),
        answer: normativeAnswer(rng, topic.key, place),
        finishNote: finishNote(text.handling),
        channelReference: channel.reportsBack ? `${prefix}-TL-${String(number).padStart(7, '0')}` : null,
        rating: rng.weighted(RATINGS),
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Telling
  // -------------------------------------------------------------------------------------------

  /** The instant itself when inside office hours (08–16 local, working day), else the next opening plus a little. */
  function officeTime(ms: number, zone: TimeZone): number {
    const offset = TIME_ZONES[zone].offsetMinutes * MINUTE;
    const local = ms + offset;
    let day = Math.floor(local / DAY);
    const sinceMidnight = local - day * DAY;
    if (isWorking(day) && sinceMidnight >= 8 * HOUR && sinceMidnight < 16 * HOUR) return ms;
    if (!isWorking(day) || sinceMidnight >= 16 * HOUR) {
      do day += 1;
      while (!isWorking(day));
    }
    return day * DAY + 8 * HOUR + rng.skewed(0, 4 * HOUR) - offset;
  }

  /** A moment `minHours`..`maxHours` (mostly short) after `from`, in office hours of `zone`. */
  const after = (from: number, minHours: number, maxHours: number, zone: TimeZone) =>
    officeTime(from + rng.skewed(minHours * HOUR, maxHours * HOUR), zone);

  function tell(plan: CasePlan, receivedMs: number): { generated: GeneratedCase; lastAt: number } {
    const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
    const receivedAt = iso(receivedMs);
    const events: CaseEvent[] = [];
    let lastAt = receivedMs;
    const addEvent = (at: number, event: Omit<CaseEvent, 'id' | 'at'>) => {
      events.push({ id: rng.uuidv7(at), at: iso(at), ...event });
      lastAt = Math.max(lastAt, at);
    };

    let record: CaseRecord = {
      id: rng.uuidv7(receivedMs),
      channel: plan.channel,
      ticketId: plan.ticketId,
      kind: plan.kind,
      topic: null,
      urgency: plan.intakeUrgency,
      title: plan.title,
      description: plan.description,
      reporter: plan.reporter,
      isAnonymous: plan.isAnonymous,
      isConfidential: plan.isConfidential,
      receivedAt,
      unitId: null,
      regionalUnitIds: [],
      assigneeIds: [],
      status: 'received',
      resolutionNote: null,
      channelReference: null,
      rating: null,
      distributedAt: null,
      finishedAt: null,
      possibleDuplicateIds: [],
      version: 1,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    };
    const fieldMeta: FieldMeta = {};
    const channelName = config.channels.find((c) => c.key === plan.channel)?.name ?? plan.channel;
    addEvent(receivedMs, {
      caseId: record.id,
      reportId: null,
      actorId: null,
      deviceId: null,
      action: 'intake',
      changes: [{ field: 'status', before: null, after: 'received' }],
      note: `Laporan masuk melalui ${channelName} dengan nomor tiket ${plan.ticketId}.`,
    });

    const act = <A extends CaseAction>(
      action: A,
      actor: WorkflowActor,
      at: number,
      payload: CasePayload<A>,
      note: string | null = null,
    ) => {
      const now = iso(at);
      const effect = applyCaseAction(
        { actor, record, directory, reportStatuses: [] },
        action,
        payload as CasePayload<CaseAction>,
        now,
      );
      const next: CaseRecord = { ...record, ...effect, version: record.version + 1, updatedAt: now };
      const changed = Object.keys(effect);
      touch(fieldMeta, changed, next.version, actor, now);
      addEvent(at, {
        caseId: record.id,
        reportId: null,
        actorId: actor.role === 'system' ? null : actor.userId,
        deviceId: null,
        action,
        changes: diff(record, next, changed),
        note,
      });
      record = next;
    };

    const admin = actorOf(rng.pick(roster.adminIds));
    const unitZone = plan.workUnit.timeZone;
    const urgent = plan.verifiedUrgency === 'urgent';
    let t = receivedMs;

    if (plan.status === 'archived') {
      t = after(t, 1, 72, centralZone);
      act('archive', admin, t, { reason: plan.archiveReason }, plan.archiveReason);
    } else if (plan.status !== 'received') {
      t = after(t, urgent ? 0.2 : 1, urgent ? 8 : 80, centralZone);
      act('verify', admin, t, { topic: plan.topic, urgency: plan.verifiedUrgency });
      if (plan.status === 'answered') {
        t = after(t, 2, 72, centralZone);
        act('answer', admin, t, { answer: plan.answer }, plan.answer);
      } else if (plan.status !== 'verified') {
        t = after(t, urgent ? 0.2 : 1, urgent ? 6 : 48, centralZone);
        act('distribute', admin, t, { unitId: plan.workUnit.id, regionalUnitIds: plan.distributionUpts });
      }
    }

    const reports: GeneratedReport[] = [];
    if (atLeast(plan.status, 'in_follow_up')) {
      const liaison = actorOf(rng.pick(plan.workUnit.liaisonIds));
      t = after(t, urgent ? 0.3 : 1, urgent ? 8 : 72, unitZone);
      act('accept', liaison, t, {});
      if (plan.assign) {
        t = after(t, 0.5, 30, zoneOf(plan.assign.actor));
        act('assign', plan.assign.actor, t, {
          regionalUnitIds: plan.assign.regionalUnitIds,
          assigneeIds: plan.assign.assigneeIds,
        });
      }
      const head = plan.workUnit.headIds.length > 0 ? actorOf(rng.pick(plan.workUnit.headIds)) : null;
      let lastClose = t;
      for (const reportPlan of plan.reports) {
        const told = tellReport(reportPlan, record, t, liaison, head, addEvent, iso);
        reports.push(told.report);
        lastClose = Math.max(lastClose, told.lastAt);
      }
      if (atLeast(plan.status, 'finished')) {
        t = after(lastClose, 2, 48, unitZone);
        act(
          'finish',
          liaison,
          t,
          { note: plan.finishNote, channelReference: plan.channelReference },
          plan.finishNote,
        );
        const autoCloseAt =
          addWorkingDays(
            new Date(t),
            deadlineDaysFor(config.deadlines, record.urgency, record.topic).autoClose,
            calendarOf(unitZone),
          ).getTime() +
          rng.int(1, 90) * MINUTE;
        if (plan.status === 'rated') {
          t = after(t, 24, 200, unitZone);
          act('rate', liaison, t, { rating: plan.rating });
        } else if (plan.status === 'auto_closed' || autoCloseAt <= nowMs) {
          // A "finished" case older than the auto-close deadline has been closed by the timer.
          act(
            'auto_close',
            { userId: '', role: 'system', unitId: '' },
            autoCloseAt,
            {},
            'Ditutup otomatis: tidak ada tanggapan pelapor sampai batas waktu.',
          );
        }
      }
    }

    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { generated: { record, fieldMeta, reports, events }, lastAt };
  }

  function tellReport(
    plan: ReportPlan,
    caseRecord: CaseRecord,
    start: number,
    liaison: WorkflowActor,
    head: WorkflowActor | null,
    addEvent: (at: number, event: Omit<CaseEvent, 'id' | 'at'>) => void,
    iso: (ms: number) => string,
  ): { report: GeneratedReport; lastAt: number } {
    const author = actorOf(plan.authorId);
    const zone = plan.authorUnit.timeZone;
    let t = after(start, 4, 120, zone);
    // The visit happened after the assignment and before the report was started.
    const visit = localDate(new Date(t - rng.skewed(0, Math.min(20 * HOUR, t - start))), zone);
    const isDraft = plan.final === 'draft';
    // A draft is work in progress: some parts are still empty.
    const partial = isDraft && rng.chance(0.6);
    let record: ReportRecord = {
      id: rng.uuidv7(t),
      caseId: caseRecord.id,
      authorId: author.userId,
      unitId: author.unitId,
      status: 'draft',
      visitDate: partial && rng.chance(0.5) ? null : visit,
      method: partial && rng.chance(0.5) ? null : plan.method,
      findings: plan.text.findings,
      actionsTaken: partial ? '' : plan.text.actionsTaken,
      beneficiaryChecks: plan.checks,
      outcome: partial ? null : plan.outcome,
      recommendation: partial ? '' : plan.text.recommendation,
      attachmentIds: [],
      corrections: [],
      returnNote: null,
      submittedAt: null,
      approvedAt: null,
      closedAt: null,
      version: 1,
      createdAt: iso(t),
      updatedAt: iso(t),
    };
    const fieldMeta: FieldMeta = {};
    touch(fieldMeta, REPORT_CONTENT_FIELDS, 1, author, iso(t));
    let lastAt = t;
    addEvent(t, {
      caseId: caseRecord.id,
      reportId: record.id,
      actorId: author.userId,
      deviceId: null,
      action: 'report_create',
      changes: [],
      note: null,
    });

    const step = (
      action: string,
      actor: WorkflowActor,
      at: number,
      to: ReportStatus,
      effect: Partial<ReportRecord>,
      note: string | null = null,
    ) => {
      const now = iso(at);
      const next: ReportRecord = {
        ...record,
        ...effect,
        status: to,
        version: record.version + 1,
        updatedAt: now,
      };
      const changed = ['status', ...Object.keys(effect)];
      touch(fieldMeta, changed, next.version, actor, now);
      addEvent(at, {
        caseId: caseRecord.id,
        reportId: record.id,
        actorId: actor.userId,
        deviceId: null,
        action: `report_${action}`,
        changes: diff(record, next, changed),
        note,
      });
      record = next;
      lastAt = at;
    };

    if (!isDraft) {
      t = after(t, 1, 48, zone);
      step('submit', author, t, 'submitted', { submittedAt: iso(t), returnNote: null });
      if (plan.isReturnedOnce) {
        const note = rng.pick(RETURN_NOTES);
        t = after(t, 2, 48, zoneOf(liaison));
        step('return', liaison, t, 'returned', { returnNote: note }, note);
        if (plan.final !== 'returned') {
          t = after(t, 4, 72, zone);
          step('resubmit', author, t, 'submitted', { submittedAt: iso(t), returnNote: null });
        }
      }
      if (plan.final === 'approved' || plan.final === 'closed') {
        t = after(t, 2, 72, zoneOf(liaison));
        if (plan.correction) {
          const field = plan.correction;
          const patch = correctedValue(field, record);
          const reason = rng.pick(CORRECTION_REASONS);
          const correction = {
            field,
            original: record[field],
            corrected: patch[field],
            reason,
            correctedBy: liaison.userId,
            correctedAt: iso(t),
          };
          step(
            'correct',
            liaison,
            t,
            'submitted',
            { ...patch, corrections: [...record.corrections, correction] },
            reason,
          );
          t += rng.int(5, 40) * MINUTE;
        }
        step('approve', liaison, t, 'approved', { approvedAt: iso(t) });
        if (plan.final === 'closed' && head) {
          t = after(t, 2, 72, zoneOf(head));
          step('close', head, t, 'closed', { closedAt: iso(t) });
        }
      }
    }
    return { report: { record, fieldMeta }, lastAt };
  }

  /** The liaison officer's corrected value of a report field: always different from the author's. */
  function correctedValue(field: CorrectableField, record: ReportRecord): Partial<ReportRecord> {
    switch (field) {
      case 'findings':
        return { findings: `${record.findings} Data telah dicocokkan ulang dengan SIKS-NG.` };
      case 'outcome':
        return { outcome: record.outcome === 'resolved' ? 'partly_resolved' : 'resolved' };
      case 'recommendation':
        return {
          recommendation: rng.pick(CORRECTED_RECOMMENDATIONS.filter((r) => r !== record.recommendation)),
        };
    }
  }

  /** Tells the case, again a whole number of weeks earlier while its story would end after now. */
  function tellBeforeNow(plan: CasePlan): GeneratedCase {
    const [minAge, maxAge] = AGE_DAYS[plan.status];
    let receivedMs = nowMs - rng.between(minAge, maxAge) * DAY;
    // Call centre and counters are staffed in office hours; the apps and SMS take reports any time.
    if (plan.channel === 'cc171' || plan.channel === 'walk_in')
      receivedMs = officeTime(receivedMs, plan.channel === 'cc171' ? centralZone : plan.place.province.zone);
    const state = rng.save();
    for (let attempt = 0; attempt < 30; attempt += 1) {
      rng.restore(state);
      const { generated, lastAt } = tell(plan, receivedMs);
      if (lastAt <= nowMs) return generated;
      receivedMs -= Math.ceil((lastAt - nowMs) / WEEK) * WEEK;
    }
    throw new Error(`case ${plan.ticketId}: could not fit its story before now`);
  }

  return {
    batch(count) {
      const out: GeneratedCase[] = [];
      const pool = new Map<string, Partner[]>();
      const findPartner = (topic: string) => {
        const candidates = (pool.get(topic) ?? []).filter((p) => !p.isPaired);
        return candidates.length > 0 ? rng.pick(candidates) : null;
      };
      for (let i = 0; i < count; i += 1) {
        const { plan: casePlan, partner } = plan(findPartner);
        const generated = tellBeforeNow(casePlan);
        out.push(generated);
        const index = out.length - 1;
        if (partner) {
          const original = out[partner.index] as GeneratedCase;
          original.record.possibleDuplicateIds = [
            ...original.record.possibleDuplicateIds,
            generated.record.id,
          ];
          generated.record.possibleDuplicateIds = [original.record.id];
          partner.isPaired = true;
        } else if (
          generated.record.topic !== null &&
          !casePlan.isAnonymous &&
          (casePlan.reporter.nik || casePlan.reporter.phone)
        ) {
          const list = pool.get(generated.record.topic) ?? [];
          list.push({
            index,
            place: casePlan.place,
            reporter: casePlan.reporter,
            isConfidential: casePlan.isConfidential,
            isPaired: false,
          });
          pool.set(generated.record.topic, list);
        }
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers shaped like the server's push
// ---------------------------------------------------------------------------------------------

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The audit trail's field changes; personal data never enters it, only the fact it changed. */
function diff<T extends object>(before: T, after: T, fields: Iterable<string>): FieldChange[] {
  const changes: FieldChange[] = [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const field of fields) {
    if (sameJson(b[field], a[field])) continue;
    changes.push(
      field === 'reporter'
        ? { field, before: '[data pribadi]', after: '[data pribadi]' }
        : { field, before: b[field] ?? null, after: a[field] ?? null },
    );
  }
  return changes;
}

/** Records who last changed each field, at which version (the merge reads it); updates `meta` in place. */
function touch(
  meta: FieldMeta,
  fields: Iterable<string>,
  version: number,
  actor: WorkflowActor,
  at: string,
): void {
  const isPerson = actor.role !== 'system';
  for (const field of fields)
    meta[field] = { version, by: isPerson ? actor.userId : null, role: actor.role, at };
}
