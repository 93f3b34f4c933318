import { useTranslation } from 'react-i18next';
import { id as messages } from '../../i18n/id';
import type { CaseEvent, TimeZone } from '../../../shared';
import type { DirectorySnapshot } from '../../db';
import { sharedText } from '../../i18n/shared-text';
import { formatDateTime } from '../format';

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
              {/* A system's note in the UI's language; an officer's own words as written. */}
              {event.note && (
                <span className="timeline__note"> — {sharedText(i18n.language, event.note)}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
