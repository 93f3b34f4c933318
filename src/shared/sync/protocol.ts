/**
 * The sync protocol between a workstation and the central server: messages as zod schemas,
 * shared by the client engine (to build and to parse) and the server (to validate).
 * docs/sync-protocol.md describes every field; change both together and bump
 * PROTOCOL_VERSION on any incompatible change.
 */
import { z } from 'zod';
import { attachmentMetaSchema } from '../domain/attachment';
import { caseRecordSchema } from '../domain/case';
import { idSchema, isoDateTimeSchema } from '../domain/common';
import { caseEventSchema } from '../domain/event';
import { reportRecordSchema } from '../domain/report';
import { ERROR_CODES, type ErrorCode } from '../errors';

export const PROTOCOL_VERSION = 1;

export const LIMITS = {
  /** Mutations in one push. */
  maxBatchMutations: 500,
  /** Bytes of one push body after decompression. */
  maxBatchBytes: 4 * 1024 * 1024,
  /** Records in one pull page. */
  maxPullLimit: 2_000,
  defaultPullLimit: 500,
} as const;

export const deviceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'ID perangkat 8–64 karakter: huruf, angka, - atau _.');

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const mutationIdSchema = z.string().regex(UUID_V7, 'ID mutasi harus UUIDv7.');

export const ENTITIES = ['case', 'report'] as const;
export const entitySchema = z.enum(ENTITIES);
export type Entity = z.infer<typeof entitySchema>;

/**
 * One change made on a workstation. `op` is `create` (a new record: `fields` is the whole
 * record), `update` (plain field edits: `fields` holds the new values, `baseValues` what the
 * device saw), or `action` (a workflow step: `action` and its `payload`).
 */
export const mutationSchema = z.strictObject({
  mutationId: mutationIdSchema,
  seq: z.number().int().min(1),
  entity: entitySchema,
  entityId: idSchema,
  op: z.enum(['create', 'update', 'action']),
  baseVersion: z.number().int().min(0).nullable(),
  fields: z.record(z.string().max(64), z.unknown()).default({}),
  baseValues: z.record(z.string().max(64), z.unknown()).default({}),
  action: z.string().max(40).nullable().default(null),
  payload: z.unknown().optional(),
  createdAt: isoDateTimeSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;
export type MutationInput = z.input<typeof mutationSchema>;

export const pushRequestSchema = z.strictObject({
  protocolVersion: z.literal(PROTOCOL_VERSION, { error: 'Versi protokol tidak didukung.' }),
  deviceId: deviceIdSchema,
  mutations: z.array(mutationSchema).min(1).max(LIMITS.maxBatchMutations),
  /**
   * Pipelined pushes: the highest `seq` of this device's previous batch, sent before that
   * batch's answer arrived. The server applies this batch only once a mutation of the device
   * with a `seq` at least this high is recorded, so batches still apply in order.
   */
  after: z.number().int().min(1).nullable().optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const conflictFieldSchema = z.strictObject({
  field: z.string(),
  base: z.unknown(),
  mine: z.unknown(),
  theirs: z.unknown(),
  changedBy: idSchema.nullable(),
  changedAt: isoDateTimeSchema.nullable(),
});
export type ConflictField = z.infer<typeof conflictFieldSchema>;

export const errorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

export const mutationResultSchema = z.strictObject({
  mutationId: mutationIdSchema,
  seq: z.number().int(),
  status: z.enum(['applied', 'merged', 'conflict', 'rejected']),
  /** The record's version after this mutation (absent when rejected). */
  version: z.number().int().nullable(),
  conflicts: z.array(conflictFieldSchema).default([]),
  error: z.strictObject({ code: errorCodeSchema, message: z.string() }).nullable().default(null),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.strictObject({
  protocolVersion: z.literal(PROTOCOL_VERSION),
  results: z.array(mutationResultSchema),
  serverTime: isoDateTimeSchema,
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Opaque to the client: the server's change sequence, as a decimal string. */
/** A sequence number as decimal text, within the integers both ends count exactly. */
export const cursorSchema = z
  .string()
  .regex(/^\d{1,16}$/, 'Kursor tidak valid.')
  .refine((value) => Number(value) <= Number.MAX_SAFE_INTEGER, 'Kursor tidak valid.');

export const pullRequestSchema = z.strictObject({
  protocolVersion: z.literal(PROTOCOL_VERSION, { error: 'Versi protokol tidak didukung.' }),
  cursor: cursorSchema.nullable(),
  limit: z.number().int().min(1).max(LIMITS.maxPullLimit).default(LIMITS.defaultPullLimit),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pulledChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('case'), record: caseRecordSchema }),
  z.strictObject({ kind: z.literal('report'), record: reportRecordSchema }),
  z.strictObject({ kind: z.literal('event'), record: caseEventSchema }),
  z.strictObject({ kind: z.literal('attachment'), record: attachmentMetaSchema }),
  z.strictObject({ kind: z.literal('removal'), entity: z.literal('case'), id: idSchema }),
]);
export type PulledChange = z.infer<typeof pulledChangeSchema>;

export const pullResponseSchema = z.union([
  z.strictObject({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    changes: z.array(pulledChangeSchema),
    cursor: cursorSchema,
    hasMore: z.boolean(),
  }),
  z.strictObject({
    protocolVersion: z.literal(PROTOCOL_VERSION),
    resetRequired: z.literal(true),
    message: z.string(),
  }),
]);
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const errorResponseSchema = z.strictObject({
  error: z.strictObject({ code: errorCodeSchema, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
