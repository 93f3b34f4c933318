/**
 * Field-level three-way merge. Each changed field carries the value the device saw (base).
 * If the server's value still equals the base, the edit applies; if it already equals the
 * new value, nothing is needed; otherwise both sides changed the field: a conflict. A
 * conflicting edit from a higher-ranked role (settings.rolePrecedence) wins and is recorded;
 * from an equal or lower rank it loses and is returned, so a liaison officer's correction is
 * never silently overwritten by a stale edit from the field.
 */
import type { ConflictField, Role } from '../../shared';
import type { FieldMeta } from './store';

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(canonical(a ?? null)) === JSON.stringify(canonical(b ?? null));
}

export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export interface MergeInput {
  current: Record<string, unknown>;
  currentVersion: number;
  fieldMeta: FieldMeta;
  fields: Record<string, unknown>;
  baseValues: Record<string, unknown>;
  baseVersion: number | null;
  actorRole: Role;
  precedence: Record<Role, number>;
}

export interface MergeOutcome {
  /** Fields to write, with their new values. */
  apply: Record<string, unknown>;
  /** Conflicts the device must resolve (server value kept). */
  conflicts: ConflictField[];
  /** Conflicts decided by role precedence (device value written), kept for the record. */
  overridden: ConflictField[];
  /** True when the record had moved on since the device's base. */
  isRebased: boolean;
}

export function mergeFields(input: MergeInput): MergeOutcome {
  const apply: Record<string, unknown> = {};
  const conflicts: ConflictField[] = [];
  const overridden: ConflictField[] = [];
  const isRebased = input.baseVersion !== null && input.baseVersion < input.currentVersion;
  for (const [field, mine] of Object.entries(input.fields)) {
    const theirs = input.current[field];
    if (sameValue(theirs, mine)) continue;
    const hasBase = Object.prototype.hasOwnProperty.call(input.baseValues, field);
    const meta = input.fieldMeta[field];
    // Without a base value, the field's own version tells whether it moved since the base.
    const untouched = hasBase
      ? sameValue(theirs, input.baseValues[field])
      : !meta || input.baseVersion === null || meta.version <= input.baseVersion;
    if (untouched) {
      apply[field] = mine;
      continue;
    }
    const conflict: ConflictField = {
      field,
      base: hasBase ? input.baseValues[field] : null,
      mine,
      theirs,
      changedBy: meta?.by ?? null,
      changedAt: meta?.at ?? null,
    };
    const theirRank = meta?.role ? input.precedence[meta.role as Role] ?? 0 : 0;
    if (input.precedence[input.actorRole] > theirRank) {
      apply[field] = mine;
      overridden.push(conflict);
    } else {
      conflicts.push(conflict);
    }
  }
  return { apply, conflicts, overridden, isRebased };
}
