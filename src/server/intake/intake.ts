/**
 * Intake (SOP step 1): cases arriving from a channel become `received` cases for the admin to
 * verify. Used by POST /intake/cases (channel connectors) and by the CLI file import.
 *
 * - Idempotent per channel and ticket: a ticket seen before answers `existing` and changes
 *   nothing, so a connector may resend after any failure.
 * - Each case is checked on its own; a rejected one never blocks the others.
 * - Possible duplicates — the same NIK or phone (keyed hashes, see identity-hash.ts) and the
 *   same topic — are flagged on the new case and on the older ones, never merged: the admin
 *   decides. A case without a topic yet cannot be told apart by topic, so it matches on NIK or
 *   phone alone. Anonymous cases are never linked, and confidential ones only to each other
 *   (mayLinkAsDuplicates): a link would reveal who wrote them.
 */
import {
  EMPTY_REPORTER,
  caseRecordSchema,
  mayLinkAsDuplicates,
  uuidv7,
  type CaseEvent,
  type CaseRecord,
  type ErrorCode,
  type Reporter,
} from '../../shared';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import { unstorableJson } from '../http/body';
import { insertEvents, loadCases, takeSeqs, upsertCases, type CaseWrite, type FieldMeta } from '../sync/store';
import { incomingCaseSchema, type IncomingCase, type IntakeResult } from './intake-schema';

/** possibleDuplicateIds holds at most this many (caseRecordSchema). */
const MAX_DUPLICATE_LINKS = 50;

interface Accepted {
  index: number;
  record: CaseRecord;
  nikHash: string | null;
  phoneHash: string | null;
}

interface Peer {
  id: string;
  topic: string | null;
  isAnonymous: boolean;
  isConfidential: boolean;
  nikHash: string | null;
  phoneHash: string | null;
}

const rejected = (index: number, ticketId: string | null, code: ErrorCode, message: string, details?: unknown): IntakeResult => ({
  index,
  ticketId,
  status: 'rejected',
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/** The ticket number as sent, when there is one, so the connector can match a rejection. */
function ticketIdOf(raw: unknown): string | null {
  if (raw === null || typeof raw !== 'object' || !('ticketId' in raw)) return null;
  const ticketId = (raw as { ticketId: unknown }).ticketId;
  return typeof ticketId === 'string' ? ticketId.trim().slice(0, 64) : null;
}

function firstProblem(issues: readonly { path: PropertyKey[]; message: string }[]): { message: string; details: unknown } {
  const listed = issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = listed[0];
  return { message: first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Data kasus tidak valid.', details: { issues: listed } };
}

const isSameTopic = (a: string | null, b: string | null) => a === null || b === null || a === b;

const isSameReporter = (a: Peer, b: Peer) => (a.nikHash !== null && a.nikHash === b.nikHash) || (a.phoneHash !== null && a.phoneHash === b.phoneHash);

function newRecord(ctx: ServerContext, item: IncomingCase, now: string): CaseRecord {
  const topic = item.topic ?? null;
  const isUrgentTopic = ctx.org.config.topics.some((t) => t.key === topic && t.isUrgent);
  const reporter: Reporter = item.reporter ?? EMPTY_REPORTER;
  return {
    id: uuidv7(),
    channel: item.channel,
    ticketId: item.ticketId,
    kind: item.kind,
    topic,
    // Topics KemenPAN RB marks urgent are handled first unless the channel said otherwise.
    urgency: item.urgency ?? (isUrgentTopic ? 'urgent' : 'normal'),
    title: item.title,
    description: item.description,
    reporter,
    isAnonymous: item.isAnonymous,
    isConfidential: item.isConfidential,
    receivedAt: item.receivedAt,
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
    createdAt: now,
    updatedAt: now,
  };
}

/** Checks one incoming case on its own; a problem rejects only this case. */
function accept(ctx: ServerContext, channel: string, raw: unknown, index: number, now: string): Accepted | IntakeResult {
  const ticketId = ticketIdOf(raw);
  // Text the database cannot store (a gateway that cut an emoji in half): this case only.
  const unstorable = unstorableJson(raw);
  if (unstorable) return rejected(index, ticketId, 'invalid_body', unstorable);
  const parsed = incomingCaseSchema.safeParse(raw);
  if (!parsed.success) {
    const problem = firstProblem(parsed.error.issues);
    return rejected(index, ticketId, 'invalid_body', problem.message, problem.details);
  }
  const item = parsed.data;
  if (item.channel !== channel) {
    return rejected(index, item.ticketId, 'forbidden', `Kasus kanal "${item.channel}" tidak dapat dikirim dengan kunci kanal "${channel}".`);
  }
  if (item.topic && !ctx.org.directory.topicExists(item.topic)) {
    return rejected(index, item.ticketId, 'invalid_body', `Topik "${item.topic}" tidak dikenal.`);
  }
  const checked = caseRecordSchema.safeParse(newRecord(ctx, item, now));
  if (!checked.success) {
    const problem = firstProblem(checked.error.issues);
    return rejected(index, item.ticketId, 'invalid_body', problem.message, problem.details);
  }
  const record = checked.data;
  return { index, record, nikHash: ctx.hasher.nik(record.reporter.nik), phoneHash: ctx.hasher.phone(record.reporter.phone) };
}

const withLinks = (current: readonly string[], add: readonly string[]) => {
  const next = [...current];
  for (const id of add) if (!next.includes(id) && next.length < MAX_DUPLICATE_LINKS) next.push(id);
  return next;
};

/**
 * Sets possibleDuplicateIds on the new cases (earlier cases of the batch are peers of later
 * ones) and returns, for each older stored case, the new cases to link to it.
 */
async function linkDuplicates(tx: Queryable, fresh: readonly Accepted[]): Promise<Map<string, string[]>> {
  const olderLinks = new Map<string, string[]>();
  const linkable = fresh.filter((a) => !a.record.isAnonymous && (a.nikHash !== null || a.phoneHash !== null));
  if (linkable.length === 0) return olderLinks;
  const stored = await tx.query<{ id: string; topic: string | null; nik_hash: string | null; phone_hash: string | null; is_confidential: boolean }>(
    `select id, topic, nik_hash, phone_hash, coalesce((data->>'isConfidential')::boolean, false) as is_confidential from cases
      where (nik_hash = any($1::text[]) or phone_hash = any($2::text[]))
        and not coalesce((data->>'isAnonymous')::boolean, false)
      order by id`,
    [linkable.flatMap((a) => (a.nikHash ? [a.nikHash] : [])), linkable.flatMap((a) => (a.phoneHash ? [a.phoneHash] : []))],
  );
  const pool: Peer[] = stored.rows.map((row) => ({
    id: row.id,
    topic: row.topic,
    isAnonymous: false,
    isConfidential: row.is_confidential,
    nikHash: row.nik_hash,
    phoneHash: row.phone_hash,
  }));
  const freshById = new Map(fresh.map((a) => [a.record.id, a]));
  for (const a of linkable) {
    const me: Peer = { id: a.record.id, topic: a.record.topic, isAnonymous: a.record.isAnonymous, isConfidential: a.record.isConfidential, nikHash: a.nikHash, phoneHash: a.phoneHash };
    const matches = pool
      .filter((peer) => isSameReporter(me, peer) && isSameTopic(me.topic, peer.topic) && mayLinkAsDuplicates(me, peer))
      .map((peer) => peer.id);
    // Ids sort by time: with more matches than fit, keep the most recent, the likeliest duplicates.
    a.record.possibleDuplicateIds = matches.slice(-MAX_DUPLICATE_LINKS);
    for (const peerId of matches) {
      const freshPeer = freshById.get(peerId);
      if (freshPeer) freshPeer.record.possibleDuplicateIds = withLinks(freshPeer.record.possibleDuplicateIds, [me.id]);
      else olderLinks.set(peerId, [...(olderLinks.get(peerId) ?? []), me.id]);
    }
    pool.push(me);
  }
  return olderLinks;
}

interface Flagged {
  record: CaseRecord;
  scopeSeq: number;
  fieldMeta: FieldMeta;
  before: string[];
}

/** The older cases with their new links: a new version each, so pulls carry the change. */
async function flagOlderCases(tx: Queryable, olderLinks: Map<string, string[]>, now: string): Promise<Flagged[]> {
  const older = await loadCases(tx, [...olderLinks.keys()], true);
  const flagged: Flagged[] = [];
  for (const [id, links] of olderLinks) {
    const stored = older.get(id);
    if (!stored) continue;
    const before = stored.record.possibleDuplicateIds;
    const after = withLinks(before, links);
    if (after.length === before.length) continue;
    const version = stored.record.version + 1;
    flagged.push({
      record: { ...stored.record, possibleDuplicateIds: after, version, updatedAt: now },
      scopeSeq: stored.scopeSeq,
      fieldMeta: { ...stored.fieldMeta, possibleDuplicateIds: { version, by: null, role: null, at: now } },
      before,
    });
  }
  return flagged;
}

/** Audit entries hold ids only: the trail never carries the reporter's data. */
function intakeEvents(fresh: readonly Accepted[], flagged: readonly Flagged[], note: string, now: string): CaseEvent[] {
  const base = { reportId: null, actorId: null, deviceId: null, at: now };
  return [
    ...fresh.map((a) => ({
      ...base,
      id: uuidv7(),
      caseId: a.record.id,
      action: 'intake',
      changes: a.record.possibleDuplicateIds.length > 0 ? [{ field: 'possibleDuplicateIds', before: [], after: a.record.possibleDuplicateIds }] : [],
      note,
    })),
    ...flagged.map((f) => ({
      ...base,
      id: uuidv7(),
      caseId: f.record.id,
      action: 'possible_duplicate',
      changes: [{ field: 'possibleDuplicateIds', before: f.before, after: f.record.possibleDuplicateIds }],
      note: 'Pengaduan baru dengan NIK atau nomor telepon pelapor yang sama diterima; periksa kemungkinan duplikat.',
    })),
  ];
}

export async function intakeCases(ctx: ServerContext, channel: string, items: readonly unknown[], actorLabel: string): Promise<IntakeResult[]> {
  if (!ctx.org.config.channels.some((c) => c.key === channel)) {
    throw new HttpError(403, 'forbidden', `Kanal "${channel}" tidak terdaftar dalam konfigurasi; hubungi admin.`);
  }
  const now = new Date().toISOString();
  const results = new Map<number, IntakeResult>();
  const accepted: Accepted[] = [];
  items.forEach((raw, index) => {
    const outcome = accept(ctx, channel, raw, index, now);
    if ('record' in outcome) accepted.push(outcome);
    else results.set(index, outcome);
  });

  if (accepted.length > 0) {
    await ctx.db.transaction(async (tx) => {
      // One intake at a time: two connectors sending the same ticket, or the same reporter,
      // at once must see each other's cases. Intake is a few thousand cases a year.
      await tx.query("select pg_advisory_xact_lock(hashtext('tindak.intake'))");
      const known = await tx.query<{ id: string; ticket_id: string }>(
        'select id, ticket_id from cases where channel = $1 and ticket_id = any($2::text[])',
        [channel, accepted.map((a) => a.record.ticketId)],
      );
      const caseOfTicket = new Map(known.rows.map((row) => [row.ticket_id, row.id]));
      const fresh: Accepted[] = [];
      for (const a of accepted) {
        const existingId = caseOfTicket.get(a.record.ticketId);
        if (existingId) {
          results.set(a.index, { index: a.index, ticketId: a.record.ticketId, status: 'existing', caseId: existingId });
        } else {
          caseOfTicket.set(a.record.ticketId, a.record.id);
          fresh.push(a);
        }
      }
      if (fresh.length === 0) return;

      const flagged = await flagOlderCases(tx, await linkDuplicates(tx, fresh), now);
      const events = intakeEvents(fresh, flagged, `Diterima dari kanal ${channel} melalui ${actorLabel}.`, now);

      let seq = await takeSeqs(tx, fresh.length + flagged.length + events.length);
      const next = () => seq++;
      const initialMeta = (record: CaseRecord): FieldMeta =>
        Object.fromEntries(Object.keys(record).map((field) => [field, { version: 1, by: null, role: null, at: now }]));
      const writes: CaseWrite[] = [
        ...fresh.map((a) => {
          const changeSeq = next();
          return { record: a.record, changeSeq, scopeSeq: changeSeq, fieldMeta: initialMeta(a.record), nikHash: a.nikHash, phoneHash: a.phoneHash };
        }),
        ...flagged.map((f) => ({
          record: f.record,
          changeSeq: next(),
          scopeSeq: f.scopeSeq,
          fieldMeta: f.fieldMeta,
          nikHash: ctx.hasher.nik(f.record.reporter.nik),
          phoneHash: ctx.hasher.phone(f.record.reporter.phone),
        })),
      ];
      await upsertCases(tx, writes);
      await insertEvents(tx, events.map((event) => ({ event, changeSeq: next() })));
      for (const a of fresh) {
        results.set(a.index, { index: a.index, ticketId: a.record.ticketId, status: 'created', caseId: a.record.id, possibleDuplicateIds: a.record.possibleDuplicateIds });
      }
    });
  }

  return items.map((_raw, index) => results.get(index) ?? rejected(index, null, 'internal', 'Kasus ini tidak terproses.'));
}
