/** Audit trail entries: who did what to which record, from which device, and what changed. */
import { z } from 'zod';
import { boundedText, idSchema, isoDateTimeSchema } from './common';

export const fieldChangeSchema = z.strictObject({
  field: z.string().max(64),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const caseEventSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  reportId: idSchema.nullable(),
  actorId: idSchema.nullable(),
  deviceId: z.string().max(64).nullable(),
  /** A workflow action name, or `create`, `update`, `conflict`, `intake`. */
  action: z.string().max(40),
  at: isoDateTimeSchema,
  changes: z.array(fieldChangeSchema),
  note: boundedText(5_000, 'Catatan').nullable(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;
