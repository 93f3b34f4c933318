/** A queue row and the directory its deadline badge counts in, shared by the queue's tests. */
import type { CaseQueueRow, DirectorySnapshot } from '../../../../src/renderer/db';
import { DEFAULT_CONFIG } from '../../../../src/shared';
import { UNITS } from '../../../helpers/org-fixture';

export const queueDirectory: DirectorySnapshot = { config: DEFAULT_CONFIG, units: Object.values(UNITS), people: [] };

export const queueRow = (overrides: Partial<CaseQueueRow> = {}): CaseQueueRow => ({
  id: '00000000-0000-4000-8000-000000000999',
  ticketId: 'LAPOR-1',
  title: 'Bantuan PKH belum cair',
  channel: 'lapor',
  kind: 'complaint',
  topic: 'pkh',
  urgency: 'normal',
  status: 'in_follow_up',
  unitId: UNITS.workA.id,
  receivedAt: '2026-11-02T02:00:00.000Z',
  // Friday 27 November 2026, 17:00 WIB.
  dueAt: '2026-11-27T10:00:00.000Z',
  hasUnsentWork: false,
  hasRejectedChange: false,
  isOnServer: true,
  ...overrides,
});
