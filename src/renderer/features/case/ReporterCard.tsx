/**
 * The reporter as this officer may see them (shared REPORTER_VISIBILITY): hidden fields say
 * so; identity numbers are masked until the officer asks to see them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REPORTER_FIELDS,
  REPORTER_VISIBILITY,
  maskDigits,
  privacyOf,
  reporterFor,
  type CaseRecord,
  type Role,
} from '../../../shared';

export function ReporterCard({ record, role }: { record: CaseRecord; role: Role }) {
  const { t } = useTranslation();
  const [isRevealed, setIsRevealed] = useState(false);
  const privacy = privacyOf(record);
  const visible = reporterFor(role, record);
  const hasNumbers = visible.nik !== null || visible.kk !== null || visible.phone !== null;
  return (
    <section className="card" aria-label={t('case.reporter.title')}>
      <h3>{t('case.reporter.title')}</h3>
      {privacy === 'anonymous' && <p className="notice">{t('case.reporter.anonymous')}</p>}
      {privacy === 'confidential' && <p className="notice">{t('case.reporter.confidential')}</p>}
      <dl className="facts">
        {REPORTER_FIELDS.map((field) => {
          const value = visible[field];
          const isNumber = field === 'nik' || field === 'kk' || field === 'phone';
          const shown =
            value === null
              ? // A field this role may see that is empty was simply not given (no KK, say).
                t(REPORTER_VISIBILITY[privacy][role].includes(field) ? 'case.reporter.notGiven' : 'case.reporter.hidden')
              : isNumber && !isRevealed
                ? maskDigits(value)
                : value;
          return (
            <div key={field} className="facts__row">
              <dt>{t(`case.reporter.${field}`)}</dt>
              <dd data-testid={`reporter-${field}`} className={value === null ? 'is-hidden' : undefined}>
                {shown}
              </dd>
            </div>
          );
        })}
      </dl>
      {hasNumbers && (
        <button type="button" className="button-secondary" onClick={() => setIsRevealed((v) => !v)}>
          {isRevealed ? t('case.reporter.conceal') : t('case.reporter.reveal')}
        </button>
      )}
    </section>
  );
}
