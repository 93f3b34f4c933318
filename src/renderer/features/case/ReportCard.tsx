/**
 * One handling report: its content, the liaison officer's corrections as tracked changes
 * (original struck through, correction beside it, with the reason), and the steps the shared
 * report table allows this officer now.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OUTCOMES,
  REPORT_CONTENT_FIELDS,
  VISIT_METHODS,
  availableReportActions,
  type CaseRecord,
  type ReportAction,
  type ReportContentField,
} from '../../../shared';
import { performReportAction, type LocalReport } from '../../db';
import { actionErrorText } from '../action-errors';
import { ReportForm } from '../report-form/ReportForm';
import { useDesk } from '../session/desk-context';
import { handlingReportDocument, reportValueText } from './printable-documents';
import { usePrint } from './use-print';
import { ActionFormFooter } from './ActionFormFooter';

/** Fields a correction can be typed for in this form (beneficiary checks are a list: corrected in the author's form). */
const CORRECTABLE = REPORT_CONTENT_FIELDS.filter((f) => f !== 'beneficiaryChecks');

function useValueText() {
  const { t } = useTranslation();
  return (field: ReportContentField, value: unknown): string => reportValueText(t, field, value);
}

export function ReportCard({
  report,
  index,
  caseRecord,
  onMessage,
}: {
  report: LocalReport;
  index: number;
  caseRecord: CaseRecord;
  onMessage(message: string): void;
}) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const valueText = useValueText();
  const record = report.record;
  const directory = desk.store.directory;
  const author = directory?.people.find((p) => p.id === record.authorId)?.displayName ?? '';
  const actions = availableReportActions({
    actor: desk.store.requireActor(),
    report: record,
    caseRecord,
    directory: desk.store.requireWorkflowDirectory(),
  });
  // A draft opens in its author's form: writing it is the only thing to do with it.
  const [open, setOpen] = useState<ReportAction | null>(
    record.status === 'draft' && actions.includes('edit') ? 'edit' : null,
  );
  const [error, setError] = useState('');
  const { print, isPrinting } = usePrint({ onDone: onMessage, onError: setError });
  const printReport = () =>
    print((frame) => handlingReportDocument(t, frame, { caseRecord, report: record, index, author }));

  const run = (action: 'submit' | 'resubmit' | 'approve' | 'close') => {
    setError('');
    performReportAction(desk.store, record.id, action, {}).then(
      () => {
        desk.wrote();
        onMessage(t('actions.saved'));
      },
      (failure: unknown) => setError(actionErrorText(failure, i18n.language)),
    );
  };

  const closeWith = (message: string) => {
    setOpen(null);
    if (message) onMessage(message);
  };

  const headingId = useId();
  return (
    <article className="report card" aria-labelledby={headingId} data-testid="report-card">
      <h4 id={headingId}>
        {t('report.title', { n: index + 1 })} ·{' '}
        <span data-testid="report-status">{t(`report.statuses.${record.status}`)}</span>{' '}
        <small>{t('report.by', { name: author })}</small>
        {report.hasUnsentWork && <span className="badge badge--unsent">{t('queue.unsent')}</span>}
      </h4>
      {record.returnNote && record.status === 'returned' && (
        <p className="notice">{t('report.returnNote', { note: record.returnNote })}</p>
      )}
      <dl className="facts">
        {REPORT_CONTENT_FIELDS.map((field) => (
          <div key={field} className="facts__row">
            <dt>{t(`report.fields.${field}`)}</dt>
            <dd data-testid={`report-${field}`}>{valueText(field, record[field])}</dd>
          </div>
        ))}
      </dl>
      {record.corrections.length > 0 && (
        <section aria-label={t('report.corrections')}>
          <h5>{t('report.corrections')}</h5>
          <ul className="corrections">
            {record.corrections.map((c, i) => (
              <li key={`${c.field}-${i}`}>
                {t('report.correctionLine', { field: t(`report.fields.${c.field}`), reason: c.reason })}
                <br />
                <span className="sr-only">{t('report.original')}: </span>
                <del>{valueText(c.field, c.original)}</del>{' '}
                <span className="sr-only">{t('report.corrected')}: </span>
                <ins>{valueText(c.field, c.corrected)}</ins>
              </li>
            ))}
          </ul>
        </section>
      )}
      {open === 'edit' ? (
        <ReportForm report={report} onClose={closeWith} />
      ) : open === 'correct' ? (
        <CorrectForm report={report} onDone={closeWith} />
      ) : open === 'return' ? (
        <ReturnForm report={report} onDone={closeWith} />
      ) : (
        <div className="action-bar">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className="button-secondary"
              onClick={() => {
                if (action === 'edit' || action === 'correct' || action === 'return') setOpen(action);
                else if (
                  action === 'submit' ||
                  action === 'resubmit' ||
                  action === 'approve' ||
                  action === 'close'
                )
                  run(action);
              }}
            >
              {t(`report.actions.${action}`)}
            </button>
          ))}
          <button type="button" className="button-secondary" onClick={printReport} disabled={isPrinting}>
            {t('print.report')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </article>
  );
}

function CorrectForm({ report, onDone }: { report: LocalReport; onDone(message: string): void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [field, setField] = useState<(typeof CORRECTABLE)[number]>('findings');
  const [error, setError] = useState('');
  const ids = { field: useId(), value: useId(), reason: useId() };
  const current = report.record[field];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const raw = String(data.get('value') ?? '');
    const value =
      field === 'visitDate' || field === 'method' || field === 'outcome' ? (raw === '' ? null : raw) : raw;
    performReportAction(desk.store, report.record.id, 'correct', {
      field,
      value,
      reason: String(data.get('reason') ?? ''),
    }).then(
      () => {
        desk.wrote();
        onDone(t('actions.saved'));
      },
      (failure: unknown) => setError(actionErrorText(failure, i18n.language)),
    );
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={t('report.actions.correct')}>
      <h5>{t('report.actions.correct')}</h5>
      <div className="field">
        <label htmlFor={ids.field}>{t('report.correct.field')}</label>
        <select
          id={ids.field}
          value={field}
          onChange={(e) => setField(e.target.value as (typeof CORRECTABLE)[number])}
        >
          {CORRECTABLE.map((f) => (
            <option key={f} value={f}>
              {t(`report.fields.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field" key={field}>
        <label htmlFor={ids.value}>{t('report.correct.value')}</label>
        {field === 'method' || field === 'outcome' ? (
          <select id={ids.value} name="value" defaultValue={typeof current === 'string' ? current : ''}>
            {(field === 'method' ? VISIT_METHODS : OUTCOMES).map((option) => (
              <option key={option} value={option}>
                {field === 'method'
                  ? t(`report.methods.${option as (typeof VISIT_METHODS)[number]}`)
                  : t(`report.outcomes.${option as (typeof OUTCOMES)[number]}`)}
              </option>
            ))}
          </select>
        ) : field === 'visitDate' ? (
          <input
            id={ids.value}
            name="value"
            type="date"
            defaultValue={typeof current === 'string' ? current : ''}
          />
        ) : (
          <textarea
            id={ids.value}
            name="value"
            rows={3}
            defaultValue={typeof current === 'string' ? current : ''}
          />
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.reason}>{t('report.correct.reason')}</label>
        <input id={ids.reason} name="reason" required />
      </div>
      <ActionFormFooter error={error} onCancel={() => onDone('')} />
    </form>
  );
}

function ReturnForm({ report, onDone }: { report: LocalReport; onDone(message: string): void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [error, setError] = useState('');
  const noteId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '');
    performReportAction(desk.store, report.record.id, 'return', { note }).then(
      () => {
        desk.wrote();
        onDone(t('actions.saved'));
      },
      (failure: unknown) => setError(actionErrorText(failure, i18n.language)),
    );
  };
  return (
    <form className="action-form" onSubmit={submit} aria-label={t('report.actions.return')}>
      <h5>{t('report.actions.return')}</h5>
      <div className="field">
        <label htmlFor={noteId}>{t('report.returnFor.note')}</label>
        <textarea id={noteId} name="note" rows={3} required />
      </div>
      <ActionFormFooter error={error} onCancel={() => onDone('')} />
    </form>
  );
}
