/**
 * The conflict inbox. An entry is made when the server answers `conflict` (it kept its value
 * for some fields: base, mine and theirs are stored per field), or when a case left the
 * officer's scope while unsent work held it here. Resolving a field conflict produces a NEW
 * mutation (a new id: the old one has its result on the server) in the same transaction that
 * marks the entry resolved.
 */
import { uuidv7, type ConflictField, type Entity, type Mutation } from '../../shared';
import { prepareCaseFieldUpdate, writeTables } from './case-actions';
import { openValue, sealValue, type UserKeys } from './encryption';
import type { ConflictKind, ConflictRow } from './database';
import { LocalStoreError } from './errors';
import { commitChange } from './local-change';
import { readCase, readReport } from './queries';
import { prepareReportEdit } from './report-actions';
import type { UserStore } from './user-store';
import type { OpenedCase, OpenedReport } from './record-rows';
import { ConcurrentChange, runWrite } from './write-transaction';

interface ConflictSecret {
  fields: ConflictField[];
  note: string | null;
}

export interface Conflict {
  id: string;
  kind: ConflictKind;
  mutationId: string | null;
  entity: Entity;
  entityId: string;
  caseId: string;
  fields: ConflictField[];
  note: string | null;
  createdAt: number;
  status: ConflictRow['status'];
  resolvedAt: number | null;
  resolutionMutationId: string | null;
}

export const REMOVED_WITH_UNSENT_WORK_NOTE =
  'Kasus ini sudah tidak lagi menjadi wewenang Anda di server (dialihkan atau penugasan dicabut), tetapi masih ada ' +
  'perubahan Anda yang belum terkirim. Salinan kasus disimpan sampai perubahan itu dikirim; perubahan yang ditolak ' +
  'server akan muncul di daftar "Ditolak".';

export async function sealConflictRow(
  keys: UserKeys,
  entry: Omit<ConflictRow, 'id' | 'sealed' | 'fieldNames' | 'status' | 'resolvedAt' | 'resolutionMutationId'> & ConflictSecret,
): Promise<ConflictRow> {
  const id = uuidv7();
  const { fields, note, ...plain } = entry;
  const secret: ConflictSecret = { fields, note };
  return {
    ...plain,
    id,
    fieldNames: fields.map((f) => f.field),
    status: 'open',
    resolvedAt: null,
    resolutionMutationId: null,
    sealed: await sealValue(keys.dataKey, 'conflicts', id, 0, secret),
  };
}

async function openConflictRow(keys: UserKeys, row: ConflictRow): Promise<Conflict> {
  // Authenticated under this entry's id: exactly what sealConflictRow stored.
  const secret = (await openValue(keys.dataKey, 'conflicts', row.id, row.sealed)) as ConflictSecret;
  const { sealed: _sealed, fieldNames: _names, ...plain } = row;
  return { ...plain, fields: secret.fields, note: secret.note };
}

export async function listConflicts(store: UserStore, status: ConflictRow['status'] = 'open'): Promise<Conflict[]> {
  const rows = await store.db.conflicts.where('status').equals(status).toArray();
  const conflicts = await Promise.all(rows.map((row) => openConflictRow(store.keys, row)));
  return conflicts.sort((a, b) => a.createdAt - b.createdAt);
}

/** Per field: keep mine, take theirs, or a value written now. */
export type ConflictChoice = 'mine' | 'theirs' | { value: unknown };

/**
 * Resolves an open conflict. For a field conflict every field needs a choice; the chosen
 * values that differ from the local record become one new `update` mutation (baseVersion and
 * baseValues from the local record as it is now). Choosing values the local record already
 * holds (theirs, applied when the conflict came) needs no mutation: the server already holds
 * them; so such a conflict closes even when the record can no longer be edited or has left
 * this desk. A removal notice is simply acknowledged.
 */
export async function resolveConflict(
  store: UserStore,
  conflictId: string,
  choices: Readonly<Record<string, ConflictChoice>> = {},
): Promise<{ mutation: Mutation | null }> {
  return runWrite(store.db, [...writeTables(store), store.db.conflicts], async () => {
    const row = await store.db.conflicts.get(conflictId);
    if (!row || row.status !== 'open') throw new LocalStoreError('not_found', 'Konflik tidak ditemukan atau sudah diselesaikan.');
    const conflict = await openConflictRow(store.keys, row);
    const patch: Record<string, unknown> = {};
    for (const field of conflict.fields) {
      const choice = choices[field.field];
      if (choice === undefined) throw new LocalStoreError('invalid_input', `Pilih nilai untuk kolom "${field.field}".`);
      patch[field.field] = choice === 'mine' ? field.mine : choice === 'theirs' ? field.theirs : choice.value;
    }
    const now = new Date();
    let change = null;
    if (conflict.kind === 'field') {
      const target = await fieldConflictTarget(store, conflict);
      if (target === null) {
        // The case left this desk (reassigned, withdrawn) since: the server's values stand, and
        // taking them closes the conflict; there is nothing local left to send "mine" from.
        if (!conflict.fields.every((field) => choices[field.field] === 'theirs'))
          throw new LocalStoreError(
            'not_found',
            'Kasus atau laporan ini tidak lagi ada di perangkat ini. Pilih nilai dari server untuk menutup konflik ini.',
          );
      } else if (Object.entries(patch).some(([field, value]) => JSON.stringify(value) !== JSON.stringify((target.opened.record as unknown as Record<string, unknown>)[field]))) {
        // Only a choice that changes the local record is a new edit, checked as any edit is;
        // one that matches it (theirs, already applied here) needs no mutation, even where the
        // record can no longer be edited (an approved report).
        change =
          target.kind === 'case'
            ? await prepareCaseFieldUpdate(store, target.opened, patch, now)
            : await prepareReportEdit(store, target.opened, target.ofCase, patch, now);
      }
    }
    return {
      expect: change?.expect ?? [],
      commit: async () => {
        if ((await store.db.conflicts.get(conflictId))?.status !== 'open') throw new ConcurrentChange();
        const mutation = change ? await commitChange(store.db, change) : null;
        await store.db.conflicts.update(conflictId, {
          status: 'resolved',
          resolvedAt: now.getTime(),
          resolutionMutationId: mutation?.mutationId ?? null,
        });
        return { mutation };
      },
    };
  });
}

type FieldConflictTarget =
  | { kind: 'case'; opened: OpenedCase }
  | { kind: 'report'; opened: OpenedReport; ofCase: OpenedCase };

/** The record a field conflict is about as it is here now, or null when it is no longer here. */
async function fieldConflictTarget(store: UserStore, conflict: Conflict): Promise<FieldConflictTarget | null> {
  const orNull = <T>(read: Promise<T>): Promise<T | null> =>
    read.catch((error: unknown) => {
      if (error instanceof LocalStoreError && error.code === 'not_found') return null;
      throw error;
    });
  if (conflict.entity === 'case') {
    const opened = await orNull(readCase(store, conflict.entityId));
    return opened && { kind: 'case', opened };
  }
  const opened = await orNull(readReport(store, conflict.entityId));
  const ofCase = opened && (await orNull(readCase(store, opened.record.caseId)));
  return opened && ofCase && { kind: 'report', opened, ofCase };
}
