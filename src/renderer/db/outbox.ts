/**
 * The outbox: mutations waiting for the server. An entry is prepared (id, timestamp, sealed
 * body) before the transaction and appended inside it, where it takes the next `seq` from
 * `meta.nextSeq` — incremented in the same transaction, so a rolled-back action leaves no gap
 * and no entry.
 */
import { uuidv7, type Entity, type Mutation } from '../../shared';
import { openValue, sealValue, type UserKeys } from './encryption';
import { META, type OutboxRow, type TindakDatabase } from './database';

export type UnsequencedMutation = Omit<Mutation, 'seq'>;

export interface MutationDraft {
  mutation: UnsequencedMutation;
  sealed: OutboxRow['sealed'];
  caseId: string;
  touched: string[];
}

export interface MutationSpec {
  entity: Entity;
  entityId: string;
  op: Mutation['op'];
  baseVersion: number | null;
  fields?: Record<string, unknown>;
  baseValues?: Record<string, unknown>;
  action?: string | null;
  payload?: unknown;
}

/** The context an outbox mutation is sealed under: its id, which never changes. */
export const outboxContext = (mutationId: string) => ({ table: 'outbox', id: mutationId, version: 0 }) as const;

export async function draftMutation(
  keys: UserKeys,
  spec: MutationSpec,
  scope: { caseId: string; touched: readonly string[] },
  now: Date = new Date(),
): Promise<MutationDraft> {
  const mutation: UnsequencedMutation = {
    mutationId: uuidv7(now.getTime()),
    entity: spec.entity,
    entityId: spec.entityId,
    op: spec.op,
    baseVersion: spec.baseVersion,
    fields: spec.fields ?? {},
    baseValues: spec.baseValues ?? {},
    action: spec.action ?? null,
    ...(spec.payload === undefined ? {} : { payload: spec.payload }),
    createdAt: now.toISOString(),
  };
  const context = outboxContext(mutation.mutationId);
  const sealed = await sealValue(keys.dataKey, context.table, context.id, context.version, mutation);
  return { mutation, sealed, caseId: scope.caseId, touched: [...new Set(scope.touched)] };
}

const encoder = new TextEncoder();

export function mutationBytes(mutation: Mutation): number {
  return encoder.encode(JSON.stringify(mutation)).length;
}

/** Inside a write transaction over `outbox` and `meta`: takes the next seq and appends. */
export async function appendToOutbox(db: TindakDatabase, draft: MutationDraft): Promise<Mutation> {
  const stored = (await db.meta.get(META.nextSeq))?.value;
  const seq = typeof stored === 'number' ? stored : 1;
  await db.meta.put({ key: META.nextSeq, value: seq + 1 });
  const mutation: Mutation = { ...draft.mutation, seq };
  await db.outbox.add({
    seq,
    mutationId: mutation.mutationId,
    entity: mutation.entity,
    entityId: mutation.entityId,
    caseId: draft.caseId,
    op: mutation.op,
    action: mutation.action,
    touched: draft.touched,
    bytes: mutationBytes(mutation),
    createdAt: Date.parse(mutation.createdAt),
    attempts: 0,
    sealed: draft.sealed,
  });
  return mutation;
}

export async function openOutboxMutation(keys: UserKeys, row: Pick<OutboxRow, 'mutationId' | 'seq' | 'sealed'>): Promise<Mutation> {
  const context = outboxContext(row.mutationId);
  // Authenticated under the mutation's own id: it is the mutation this store sealed.
  const unsequenced = (await openValue(keys.dataKey, context.table, row.mutationId, row.sealed)) as UnsequencedMutation;
  return { ...unsequenced, seq: row.seq };
}

/** Fields with unsent changes, per record: `${entity}:${id}` → field names. */
export async function pendingFieldsOf(
  db: TindakDatabase,
  records: readonly { entity: Entity; id: string }[],
): Promise<Map<string, Set<string>>> {
  const pending = new Map<string, Set<string>>();
  if (records.length === 0) return pending;
  const rows = await db.outbox
    .where('[entity+entityId]')
    .anyOf(records.map((r) => [r.entity, r.id]))
    .toArray();
  for (const row of rows) {
    const key = `${row.entity}:${row.entityId}`;
    const fields = pending.get(key) ?? new Set<string>();
    for (const field of row.touched) fields.add(field);
    pending.set(key, fields);
  }
  return pending;
}

export const recordKey = (entity: Entity, id: string) => `${entity}:${id}`;

/**
 * The server values to keep after a local change of `touched`: a field without earlier unsent
 * changes still holds the server's value locally, so that value becomes its base; a field
 * already pending keeps the base it has. Entries of fields no longer pending are dropped.
 */
export function serverValuesAfterLocalChange(
  current: Record<string, unknown>,
  serverValues: Record<string, unknown>,
  pending: ReadonlySet<string>,
  touched: readonly string[],
): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  for (const field of pending) if (field in serverValues) next[field] = serverValues[field];
  for (const field of touched) if (!pending.has(field)) next[field] = current[field] ?? null;
  return next;
}
