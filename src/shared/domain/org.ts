/**
 * The organisation: a tree of units (central admin unit, responsible work units, regional
 * technical units under a work unit) and the people in them, each with one role.
 */
import { z } from 'zod';
import { configKeySchema, idSchema, requiredText } from './common';

export const ROLES = ['admin', 'liaison', 'unit_head', 'upt_staff', 'field_worker', 'auditor'] as const;
export const roleSchema = z.enum(ROLES, { error: 'Peran tidak dikenal.' });
export type Role = z.infer<typeof roleSchema>;

/** Indonesia's three zones; none observes daylight saving, so an offset is exact. */
export const TIME_ZONES = {
  WIB: { iana: 'Asia/Jakarta', offsetMinutes: 7 * 60 },
  WITA: { iana: 'Asia/Makassar', offsetMinutes: 8 * 60 },
  WIT: { iana: 'Asia/Jayapura', offsetMinutes: 9 * 60 },
} as const;
export const timeZoneSchema = z.enum(['WIB', 'WITA', 'WIT'], { error: 'Zona waktu harus WIB, WITA atau WIT.' });
export type TimeZone = z.infer<typeof timeZoneSchema>;

export const UNIT_KINDS = ['central', 'work_unit', 'regional'] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const unitSchema = z.strictObject({
  id: idSchema,
  code: configKeySchema,
  name: requiredText(200, 'Nama unit'),
  kind: unitKindSchema,
  parentId: idSchema.nullable(),
  timeZone: timeZoneSchema,
  region: requiredText(120, 'Wilayah'),
});
export type Unit = z.infer<typeof unitSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Nama pengguna 3–40 karakter: huruf, angka, titik, garis.');

export const userSchema = z.strictObject({
  id: idSchema,
  username: usernameSchema,
  displayName: requiredText(120, 'Nama'),
  role: roleSchema,
  unitId: idSchema,
  isActive: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** What access checks need to know about the person acting. */
export interface Actor {
  userId: string;
  role: Role;
  unitId: string;
}

/** Read-only view of the unit tree used by scope and guard checks. */
export interface UnitDirectory {
  get(unitId: string): Unit | undefined;
}

export function unitDirectory(units: readonly Unit[]): UnitDirectory {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  return { get: (unitId) => byId.get(unitId) };
}

/** True when `unitId` is `ancestorId` or lies below it in the tree. */
export function isWithinUnit(units: UnitDirectory, unitId: string, ancestorId: string): boolean {
  let current = units.get(unitId);
  for (let depth = 0; current && depth < 16; depth += 1) {
    if (current.id === ancestorId) return true;
    current = current.parentId ? units.get(current.parentId) : undefined;
  }
  return false;
}
