/** One case with its reports, events and attachments, live from Dexie (decrypted here). */
import { useLiveQuery } from 'dexie-react-hooks';
import { getCase, listAttachmentsOfCase, listEventsOfCase, listReportsOfCase, ticketIdsOf } from '../../db';
import { useDesk } from '../session/desk-context';

export function useCaseFile(caseId: string) {
  const desk = useDesk();
  return useLiveQuery(async () => {
    const found = await getCase(desk.store, caseId);
    if (!found) return { found: null } as const;
    const [reports, events, attachments, duplicateTickets] = await Promise.all([
      listReportsOfCase(desk.store, caseId),
      listEventsOfCase(desk.store, caseId),
      listAttachmentsOfCase(desk.store, caseId),
      ticketIdsOf(desk.store, found.record.possibleDuplicateIds),
    ]);
    return { found, reports, events, attachments, duplicateTickets } as const;
  }, [desk, caseId]);
}
