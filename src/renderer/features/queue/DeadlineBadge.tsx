import { useTranslation } from 'react-i18next';
import type { DeadlineState, TimeZone } from '../../../shared';
import { formatDateTime } from '../format';

export function DeadlineBadge({
  state,
  dueAt,
  zone,
}: {
  state: DeadlineState | null;
  dueAt: string | null;
  zone: TimeZone;
}) {
  const { t, i18n } = useTranslation();
  if (state === null || dueAt === null)
    return <span className="badge badge--none">{t('deadline.none')}</span>;
  return (
    <span
      className={`badge badge--${state}`}
      title={t('deadline.dueAt', { date: formatDateTime(dueAt, zone, i18n.language) })}
    >
      {t(`deadline.${state}`)}
    </span>
  );
}
