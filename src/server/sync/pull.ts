/**
 * Pull: the changes a caller may see since their cursor, in pages.
 *
 * The cursor is the server's change sequence. Writers take their sequences under the clock's
 * row lock and hold it until they commit (store.takeSeqs), so the committed sequences always
 * form an unbroken prefix: no transaction can commit a sequence below one already visible.
 * Each pull reads in one REPEATABLE READ snapshot, so every query of the page sees the same
 * prefix, and when nothing more is visible the cursor jumps to the snapshot's clock.
 */
import {
  PROTOCOL_VERSION,
  canSeeAttachment,
  canSeeCase,
  reporterFor,
  type AttachmentMeta,
  type CaseEvent,
  type CaseRecord,
  type PullRequest,
  type PullResponse,
  type PulledChange,
  type ReportRecord,
} from '../../shared';
import type { AuthenticatedActor } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { Queryable } from '../db/database';
import { EVENT_REPORT, notOthersDraft } from './store';

interface Scope {
  /** SQL condition on the cases table aliased `c`, with its parameters from $3 on. */
  sql: string;
  params: unknown[];
  /** The admin and the auditor: every case, so nothing ever enters or leaves their scope. */
  isEverything: boolean;
}

function scopeFor(ctx: ServerContext, actor: AuthenticatedActor): Scope {
  switch (actor.role) {
    case 'admin':
    case 'auditor':
      return { sql: 'true', params: [], isEverything: true };
    case 'liaison':
    case 'unit_head':
      return { sql: 'c.unit_id = any($3::uuid[])', params: [ctx.org.subtree(actor.unitId)], isEverything: false };
    case 'upt_staff':
    case 'field_worker':
      // `@>` rather than `= any(...)`: only the containment operator can use the GIN indexes.
      return { sql: '(c.regional_unit_ids @> array[$3::uuid] or c.assignee_ids @> array[$4::uuid])', params: [actor.unitId, actor.userId], isEverything: false };
  }
}

type Item = { seq: number; change: PulledChange | null };

export async function pull(ctx: ServerContext, actor: AuthenticatedActor, request: PullRequest): Promise<PullResponse> {
  const cursor = request.cursor === null ? 0 : Number(request.cursor);
  const limit = request.limit;
  return ctx.db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    const clock = (await tx.query<{ last_seq: number; horizon_seq: number }>('select last_seq, horizon_seq from sync_clock where id = 1')).rows[0];
    if (!clock) throw new Error('sync_clock missing');
    if (request.cursor !== null && cursor < Number(clock.horizon_seq)) {
      return {
        protocolVersion: PROTOCOL_VERSION,
        resetRequired: true as const,
        message: 'Salinan lokal lebih lama dari batas penyimpanan penanda hapus; perlu sinkron ulang penuh.',
      };
    }
    const scope = scopeFor(ctx, actor);
    const params = [cursor, limit, ...scope.params];
    // Children of visible cases: a semi-join on the caller's cases (small for UPT staff and
    // field workers, found through the GIN indexes), so a pull costs what the caller may see
    // rather than every change made since the cursor by everyone.
    const inScope = (alias: string) => (scope.isEverything ? 'true' : `${alias}.case_id in (select c.id from cases c where ${scope.sql})`);
    // A draft is its author's alone: the report, and its audit entries and files until it is
    // submitted (push then gives those new sequences, store.releaseDraftHistory).
    const userParam = `$${params.length + 1}`;
    const draftFilter = `(r.status <> 'draft' or r.author_id = ${userParam}::uuid)`;

    const [cases, reports, events, attachments, removals] = [
      await tx.query<{ data: CaseRecord; change_seq: number }>(
        `select c.data, c.change_seq from cases c where c.change_seq > $1 and ${scope.sql} order by c.change_seq limit $2`,
        params,
      ),
      await tx.query<{ data: ReportRecord; change_seq: number }>(
        `select r.data, r.change_seq from reports r
          where r.change_seq > $1 and ${inScope('r')} and ${draftFilter} order by r.change_seq limit $2`,
        [...params, actor.userId],
      ),
      await tx.query<{ data: CaseEvent; change_seq: number }>(
        `select e.data, e.change_seq from case_events e
          where e.change_seq > $1 and ${inScope('e')} and ${notOthersDraft(EVENT_REPORT, userParam)} order by e.change_seq limit $2`,
        [...params, actor.userId],
      ),
      await tx.query<AttachmentRow & { change_seq: number }>(
        `select a.data, a.change_seq, ${OWNER_PRIVACY} from attachments a join cases owner on owner.id = a.case_id
          where a.change_seq > $1 and ${inScope('a')} and ${notOthersDraft('a.report_id', userParam)} order by a.change_seq limit $2`,
        [...params, actor.userId],
      ),
      await tx.query<{ change_seq: number; case_id: string; prev_unit_id: string | null; prev_regional_unit_ids: string[]; prev_assignee_ids: string[]; now_visible: boolean }>(
        `select m.change_seq, m.case_id, m.prev_unit_id, m.prev_regional_unit_ids, m.prev_assignee_ids,
                exists (select 1 from cases c where c.id = m.case_id and ${scope.sql}) as now_visible
           from case_removals m where m.change_seq > $1 order by m.change_seq limit $2`,
        params,
      ),
    ];

    // Each list is complete up to its last row when it hit the limit; the page ends at the
    // smallest such row, and includes everything of every list up to there.
    const lists = [cases.rows, reports.rows, events.rows, attachments.rows, removals.rows];
    const full = lists.filter((rows) => rows.length === limit).map((rows) => Number(rows[rows.length - 1]!.change_seq));
    const hasMore = full.length > 0;
    const cutoff = hasMore ? Math.min(...full) : Number(clock.last_seq);

    const items: Item[] = [];
    for (const row of cases.rows) {
      const seq = Number(row.change_seq);
      if (seq > cutoff) continue;
      items.push({ seq, change: { kind: 'case', record: { ...row.data, reporter: reporterFor(actor.role, row.data) } } });
    }
    // Cases whose visibility changed in this page's range and that the caller sees now: their
    // history up to the cursor comes with this page, even when the case's own row changed again
    // since and arrives in a later page (its scope change never falls in two pages' ranges).
    // The admin and the auditor see every case from the start: nothing ever enters their scope.
    const newlyVisible =
      cursor > 0 && !scope.isEverything
        ? (
            await tx.query<{ id: string }>(
              `select c.id from cases c where c.scope_seq > $1 and c.scope_seq <= $2 and ${scope.sql}`,
              [cursor, cutoff, ...scope.params],
            )
          ).rows.map((row) => row.id)
        : [];
    for (const row of reports.rows) items.push({ seq: Number(row.change_seq), change: { kind: 'report', record: row.data } });
    for (const row of events.rows) items.push({ seq: Number(row.change_seq), change: { kind: 'event', record: row.data } });
    for (const row of attachments.rows)
      items.push({ seq: Number(row.change_seq), change: attachmentFor(actor, row) });
    for (const row of removals.rows) {
      const couldSee = canSeeCase(
        actor,
        { unitId: row.prev_unit_id, regionalUnitIds: row.prev_regional_unit_ids, assigneeIds: row.prev_assignee_ids, status: 'in_follow_up' },
        ctx.org.directory.units,
      );
      items.push({ seq: Number(row.change_seq), change: couldSee && !row.now_visible ? { kind: 'removal', entity: 'case', id: row.case_id } : null });
    }

    const changes = items
      .filter((item) => item.seq <= cutoff && item.change !== null)
      .sort((a, b) => a.seq - b.seq)
      .map((item) => item.change as PulledChange);
    // A case that just came into the caller's scope brings the history the caller never saw.
    if (newlyVisible.length > 0) changes.push(...(await historyOf(tx, newlyVisible, cursor, actor)));
    return { protocolVersion: PROTOCOL_VERSION, changes, cursor: String(cutoff), hasMore };
  });
}

async function historyOf(tx: Queryable, caseIds: string[], cursor: number, actor: AuthenticatedActor): Promise<PulledChange[]> {
  const userId = actor.userId;
  const reports = await tx.query<{ data: ReportRecord }>(
    `select data from reports where case_id = any($1::uuid[]) and change_seq <= $2 and (status <> 'draft' or author_id = $3::uuid) order by change_seq`,
    [caseIds, cursor, userId],
  );
  const events = await tx.query<{ data: CaseEvent }>(
    `select e.data from case_events e where e.case_id = any($1::uuid[]) and e.change_seq <= $2 and ${notOthersDraft(EVENT_REPORT, '$3')} order by e.change_seq`,
    [caseIds, cursor, userId],
  );
  const attachments = await tx.query<AttachmentRow>(
    `select a.data, ${OWNER_PRIVACY} from attachments a join cases owner on owner.id = a.case_id
      where a.case_id = any($1::uuid[]) and a.change_seq <= $2 and ${notOthersDraft('a.report_id', '$3')} order by a.change_seq`,
    [caseIds, cursor, userId],
  );
  return [
    ...reports.rows.map((r) => ({ kind: 'report' as const, record: r.data })),
    ...events.rows.map((r) => ({ kind: 'event' as const, record: r.data })),
    ...attachments.rows.flatMap((r) => {
      const change = attachmentFor(actor, r);
      return change ? [change] : [];
    }),
  ];
}

/** An attachment row with its case's privacy (`OWNER_PRIVACY`, from a join on `cases owner`). */
type AttachmentRow = { data: AttachmentMeta; is_anonymous: boolean | null; is_confidential: boolean | null };
const OWNER_PRIVACY = `(owner.data->>'isAnonymous')::boolean as is_anonymous, (owner.data->>'isConfidential')::boolean as is_confidential`;

/** The attachment as a pulled change, or null where the caller may not see it (the reporter's documents). */
function attachmentFor(actor: AuthenticatedActor, row: AttachmentRow): PulledChange | null {
  const owner = { isAnonymous: row.is_anonymous === true, isConfidential: row.is_confidential === true };
  return canSeeAttachment(actor, owner, row.data) ? { kind: 'attachment', record: row.data } : null;
}
