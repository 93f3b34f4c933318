/**
 * The organisation directory as synced from GET /sync/directory (config, unit tree, people),
 * kept in the user's store so workflow checks and deadlines work offline.
 */
import { z } from 'zod';
import {
  idSchema,
  orgConfigSchema,
  roleSchema,
  unitDirectory,
  unitSchema,
  type Person,
  type WorkflowDirectory,
} from '../../shared';

export const directoryPersonSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  role: roleSchema,
  unitId: idSchema,
  isActive: z.boolean(),
});

/** Parses the server's answer as is (`protocolVersion` and any future extra keys are dropped). */
export const directorySnapshotSchema = z.object({
  config: orgConfigSchema,
  units: z.array(unitSchema),
  people: z.array(directoryPersonSchema),
});
export type DirectorySnapshot = z.infer<typeof directorySnapshotSchema>;

export function workflowDirectoryFrom(snapshot: DirectorySnapshot): WorkflowDirectory {
  const units = unitDirectory(snapshot.units);
  const people = new Map<string, Person>(
    snapshot.people.map((p) => [p.id, { id: p.id, role: p.role, unitId: p.unitId, isActive: p.isActive }]),
  );
  const channels = new Map(snapshot.config.channels.map((c) => [c.key, c.reportsBack]));
  const topics = new Set(snapshot.config.topics.map((t) => t.key));
  return {
    units,
    person: (userId) => people.get(userId),
    channelReportsBack: (channel) => channels.get(channel) ?? false,
    topicExists: (topic) => topics.has(topic),
  };
}
