/**
 * Reading and writing case records, reports, events and removal markers in the server's
 * tables. Records live whole in a jsonb column (the shared zod schema is the shape); the
 * columns beside it exist for scoping, ordering and lookups.
 */
import type { AttachmentMeta, CaseEvent, CaseRecord, ReportRecord } from '../../shared';
import type { Queryable } from '../db/database';

export type FieldMeta = Record<string, { version: number; by: string | null; role: string | null; at: string }>;

export interface StoredCase {
  record: CaseRecord;
  changeSeq: number;
  scopeSeq: number;
  fieldMeta: FieldMeta;
}

export interface StoredReport {
  record: ReportRecord;
  changeSeq: number;
  fieldMeta: FieldMeta;
}

/**
 * Reserves `count` change sequences. Takes the clock's row lock, held until the transaction
 * ends: call it after all reads and checks, right before the writes, so the lock is short and
 * sequences commit in order.
 */
export async function takeSeqs(tx: Queryable, count: number): Promise<number> {
  const result = await tx.query<{ last_seq: number }>(
    'update sync_clock set last_seq = last_seq + $1 where id = 1 returning last_seq',
    [count],
  );
  const last = Number(result.rows[0]?.last_seq);
  return last - count + 1;
}

interface CaseRow {
  data: CaseRecord;
  change_seq: number;
  scope_seq: number;
  field_meta: FieldMeta;
}

export async function loadCases(tx: Queryable, ids: readonly string[], forUpdate = false): Promise<Map<string, StoredCase>> {
  if (ids.length === 0) return new Map();
  const result = await tx.query<CaseRow>(
    `select data, change_seq, scope_seq, field_meta from cases where id = any($1::uuid[]) order by id${forUpdate ? ' for update' : ''}`,
    [ids],
  );
  return new Map(
    result.rows.map((row) => [
      row.data.id,
      { record: row.data, changeSeq: Number(row.change_seq), scopeSeq: Number(row.scope_seq), fieldMeta: row.field_meta },
    ]),
  );
}

export interface CaseWrite {
  record: CaseRecord;
  changeSeq: number;
  scopeSeq: number;
  fieldMeta: FieldMeta;
  nikHash: string | null;
  phoneHash: string | null;
}

export async function upsertCases(tx: Queryable, writes: readonly CaseWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(
    `insert into cases (id, channel, ticket_id, unit_id, regional_unit_ids, assignee_ids, status, version,
                        change_seq, scope_seq, nik_hash, phone_hash, topic, data, field_meta)
     select (w->>'id')::uuid, w->>'channel', w->>'ticketId', (w->>'unitId')::uuid,
            array(select jsonb_array_elements_text(w->'regionalUnitIds'))::uuid[],
            array(select jsonb_array_elements_text(w->'assigneeIds'))::uuid[],
            w->>'status', (w->>'version')::int, (w->>'changeSeq')::bigint, (w->>'scopeSeq')::bigint,
            w->>'nikHash', w->>'phoneHash', w->>'topic', w->'record', w->'fieldMeta'
       from jsonb_array_elements($1::jsonb) as w
     on conflict (id) do update set
       unit_id = excluded.unit_id, regional_unit_ids = excluded.regional_unit_ids,
       assignee_ids = excluded.assignee_ids, status = excluded.status, version = excluded.version,
       change_seq = excluded.change_seq, scope_seq = excluded.scope_seq, nik_hash = excluded.nik_hash,
       phone_hash = excluded.phone_hash, topic = excluded.topic, data = excluded.data,
       field_meta = excluded.field_meta`,
    [
      JSON.stringify(
        writes.map((w) => ({
          id: w.record.id,
          channel: w.record.channel,
          ticketId: w.record.ticketId,
          unitId: w.record.unitId,
          regionalUnitIds: w.record.regionalUnitIds,
          assigneeIds: w.record.assigneeIds,
          status: w.record.status,
          version: w.record.version,
          changeSeq: w.changeSeq,
          scopeSeq: w.scopeSeq,
          nikHash: w.nikHash,
          phoneHash: w.phoneHash,
          topic: w.record.topic,
          record: w.record,
          fieldMeta: w.fieldMeta,
        })),
      ),
    ],
  );
}

interface ReportRow {
  data: ReportRecord;
  change_seq: number;
  field_meta: FieldMeta;
}

export async function loadReports(tx: Queryable, ids: readonly string[], forUpdate = false): Promise<Map<string, StoredReport>> {
  if (ids.length === 0) return new Map();
  const result = await tx.query<ReportRow>(
    `select data, change_seq, field_meta from reports where id = any($1::uuid[]) order by id${forUpdate ? ' for update' : ''}`,
    [ids],
  );
  return new Map(result.rows.map((row) => [row.data.id, { record: row.data, changeSeq: Number(row.change_seq), fieldMeta: row.field_meta }]));
}

export async function reportStatusesOf(tx: Queryable, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (caseIds.length === 0) return out;
  const result = await tx.query<{ case_id: string; status: string }>(
    'select case_id, status from reports where case_id = any($1::uuid[])',
    [caseIds],
  );
  for (const row of result.rows) out.set(row.case_id, [...(out.get(row.case_id) ?? []), row.status]);
  return out;
}

export interface ReportWrite {
  record: ReportRecord;
  changeSeq: number;
  fieldMeta: FieldMeta;
}

export async function upsertReports(tx: Queryable, writes: readonly ReportWrite[]): Promise<void> {
  if (writes.length === 0) return;
  await tx.query(
    `insert into reports (id, case_id, author_id, status, version, change_seq, data, field_meta)
     select (w->'record'->>'id')::uuid, (w->'record'->>'caseId')::uuid, (w->'record'->>'authorId')::uuid,
            w->'record'->>'status', (w->'record'->>'version')::int, (w->>'changeSeq')::bigint, w->'record', w->'fieldMeta'
       from jsonb_array_elements($1::jsonb) as w
     on conflict (id) do update set status = excluded.status, version = excluded.version,
       change_seq = excluded.change_seq, data = excluded.data, field_meta = excluded.field_meta`,
    [JSON.stringify(writes)],
  );
}

export async function insertEvents(tx: Queryable, events: readonly { event: CaseEvent; changeSeq: number }[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `insert into case_events (id, case_id, change_seq, data)
     select (e->'event'->>'id')::uuid, (e->'event'->>'caseId')::uuid, (e->>'changeSeq')::bigint, e->'event'
       from jsonb_array_elements($1::jsonb) as e`,
    [JSON.stringify(events)],
  );
}

export interface RemovalWrite {
  changeSeq: number;
  caseId: string;
  prevUnitId: string | null;
  prevRegionalUnitIds: readonly string[];
  prevAssigneeIds: readonly string[];
}

export async function insertRemovals(tx: Queryable, removals: readonly RemovalWrite[]): Promise<void> {
  if (removals.length === 0) return;
  await tx.query(
    `insert into case_removals (change_seq, case_id, prev_unit_id, prev_regional_unit_ids, prev_assignee_ids)
     select (r->>'changeSeq')::bigint, (r->>'caseId')::uuid, (r->>'prevUnitId')::uuid,
            array(select jsonb_array_elements_text(r->'prevRegionalUnitIds'))::uuid[],
            array(select jsonb_array_elements_text(r->'prevAssigneeIds'))::uuid[]
       from jsonb_array_elements($1::jsonb) as r`,
    [JSON.stringify(removals)],
  );
}

export async function upsertAttachmentMeta(tx: Queryable, metas: readonly { meta: AttachmentMeta; changeSeq: number }[]): Promise<void> {
  if (metas.length === 0) return;
  await tx.query(
    `insert into attachments (id, case_id, report_id, sha256, change_seq, data)
     select (m->'meta'->>'id')::uuid, (m->'meta'->>'caseId')::uuid, (m->'meta'->>'reportId')::uuid,
            m->'meta'->>'sha256', (m->>'changeSeq')::bigint, m->'meta'
       from jsonb_array_elements($1::jsonb) as m
     on conflict (id) do update set change_seq = excluded.change_seq, data = excluded.data`,
    [JSON.stringify(metas)],
  );
}

/**
 * A draft's audit entries and files reach only its author (pull.ts). When drafts are submitted,
 * their earlier entries and files take new sequences, so everyone else in the case's scope
 * pulls them from then on (their cursors have passed the old ones). Call after this batch's
 * `takeSeqs`: with the clock's lock held, every entry another transaction wrote before is
 * committed and seen here, and any written later gets a sequence after these.
 */
export async function releaseDraftHistory(tx: Queryable, reports: readonly { id: string; caseId: string }[]): Promise<void> {
  if (reports.length === 0) return;
  const reportIds = reports.map((r) => r.id);
  const events = await tx.query<{ id: string }>(
    `select id from case_events where case_id = any($1::uuid[]) and data->>'reportId' = any($2::text[]) order by change_seq`,
    [[...new Set(reports.map((r) => r.caseId))], reportIds],
  );
  const files = await tx.query<{ id: string }>('select id from attachments where report_id = any($1::uuid[]) order by change_seq', [reportIds]);
  const count = events.rows.length + files.rows.length;
  if (count === 0) return;
  let seq = await takeSeqs(tx, count);
  const renumber = (table: 'case_events' | 'attachments', ids: string[]) =>
    tx.query(
      `update ${table} set change_seq = v.seq from unnest($1::uuid[], $2::bigint[]) as v(id, seq) where ${table}.id = v.id`,
      [ids, ids.map(() => seq++)],
    );
  await renumber('case_events', events.rows.map((row) => row.id));
  await renumber('attachments', files.rows.map((row) => row.id));
}

/** The report an audit entry (`case_events e`) belongs to, if any. */
export const EVENT_REPORT = `(e.data->>'reportId')::uuid`;

/**
 * SQL: the row does not belong to a draft report of someone other than the caller
 * (`userParam`, a uuid parameter). A draft, its audit entries and its files are its author's
 * alone until it is submitted (releaseDraftHistory).
 */
export const notOthersDraft = (reportIdSql: string, userParam: string) =>
  `not exists (select 1 from reports d where d.id = ${reportIdSql} and d.status = 'draft' and d.author_id <> ${userParam}::uuid)`;
