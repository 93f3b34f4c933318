import { useTranslation } from 'react-i18next';
import { id as messages } from '../../i18n/id';
import type { CaseEvent, TimeZone } from '../../../shared';
import type { DirectorySnapshot } from '../../db';
import { sharedText } from '../../i18n/shared-text';
import { formatDateTime } from '../format';

/** Notes the server writes itself: events without an officer, and the registration of a walk-in. */
const isSystemNote = (event: CaseEvent) => event.actorId === null || event.action === 'create';

export function Timeline({
  events,
  directory,
  zone,
}: {
  events: CaseEvent[];
  directory: DirectorySnapshot | null;
  zone: TimeZone;
}) {
  const { t, i18n } = useTranslation();
  const nameOf = (id: string | null) => directory?.people.find((p) => p.id === id)?.displayName ?? '';
  return (
    <section className="card" aria-label={t('case.timeline')}>
      <h3>{t('case.timeline')}</h3>
      {events.length === 0 ? (
        <p>{t('case.timelineEmpty')}</p>
      ) : (
        <ol className="timeline">
          {events.map((event) => (
            <li key={event.id}>
              <time dateTime={event.at}>{formatDateTime(event.at, zone, i18n.language)}</time>{' '}
              <strong>
                {event.action in messages.events
                  ? t(`events.${event.action as keyof typeof messages.events}`)
                  : event.action}
              </strong>{' '}
              {nameOf(event.actorId)}
              {/* A note the system wrote (intake, a duplicate flag, a registration) in the UI's
                  language; an officer's own words (a reason, a note, an answer) as written. */}
              {event.note && (
                <span className="timeline__note">
                  {' '}
                  — {isSystemNote(event) ? sharedText(i18n.language, event.note) : event.note}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
