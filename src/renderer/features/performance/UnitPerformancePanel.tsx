// The unit's performance for its head and liaison officer, live from the local cases. It reads
// every case of the unit, so it is computed only when asked for, not on every visit to the list.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitCaseTimings } from '../../db';
import { useDesk } from '../session/desk-context';
import { useNow } from '../session/use-now';
import { unitPerformanceOf } from './unit-performance';

export function UnitPerformancePanel() {
  const { t } = useTranslation();
  const [isShown, setIsShown] = useState(false);
  return isShown ? (
    <UnitPerformanceFigures onHide={() => setIsShown(false)} />
  ) : (
    <button type="button" className="button-secondary" onClick={() => setIsShown(true)}>
      {t('performance.show')}
    </button>
  );
}

function UnitPerformanceFigures({ onHide }: { onHide(): void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const now = useNow(60_000);
  const timings = useLiveQuery(() => unitCaseTimings(desk.store, desk.officer.unitId), [desk]);
  if (!timings) return null;
  const performance = unitPerformanceOf(timings, now);
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    maximumFractionDigits: 1,
  });
  const unitName = desk.store.directory?.units.find((u) => u.id === desk.officer.unitId)?.name ?? '';
  const dash = t('case.noneValue');
  return (
    <section
      className="card"
      aria-label={t('performance.title', { unit: unitName })}
      data-testid="unit-performance"
    >
      <h2>{t('performance.title', { unit: unitName })}</h2>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('performance.total')}</dt>
          <dd>{performance.total}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('performance.resolved')}</dt>
          <dd data-testid="resolved-percent">
            {performance.resolvedPercent === null
              ? dash
              : t('performance.percent', {
                  resolved: performance.resolved,
                  percent: performance.resolvedPercent,
                })}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('performance.averageFollowUp')}</dt>
          <dd>
            {performance.averageFollowUpDays === null
              ? dash
              : t('performance.days', { days: number.format(performance.averageFollowUpDays) })}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('performance.overdue')}</dt>
          <dd>{performance.overdueOpen}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('performance.rating')}</dt>
          <dd>{performance.averageRating === null ? dash : number.format(performance.averageRating)}</dd>
        </div>
      </dl>
      <button type="button" className="button-secondary" onClick={onHide}>
        {t('performance.hide')}
      </button>
    </section>
  );
}
