/**
 * The conflict inbox: per field, the base both sides started from, mine and theirs side by
 * side; the officer keeps one per field and the choice becomes a new mutation
 * (resolveConflict). A case that left the officer's scope while holding unsent work is shown
 * as a notice to acknowledge.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_CONTENT_FIELDS, type ReportContentField } from '../../../shared';
import { listConflicts, resolveConflict, ticketIdsOf, type Conflict, type ConflictChoice } from '../../db';
import { actionErrorText } from '../action-errors';
import { useDesk } from '../session/desk-context';
import { sharedText } from '../../i18n/shared-text';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function ConflictInbox({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const conflicts = useLiveQuery(async () => {
    const open = await listConflicts(desk.store);
    const tickets = await ticketIdsOf(
      desk.store,
      open.map((c) => c.caseId),
    );
    return open.map((conflict) => ({ conflict, ticket: tickets.get(conflict.caseId) ?? conflict.caseId }));
  }, [desk]);
  return (
    <section className="panel" aria-label={t('sync.conflictsTitle')}>
      <h3>{t('sync.conflictsTitle')}</h3>
      {conflicts?.length === 0 && <p>{t('sync.conflictsEmpty')}</p>}
      <ul className="panel__list">
        {conflicts?.map(({ conflict, ticket }) => (
          <ConflictEntry key={conflict.id} conflict={conflict} ticket={ticket} />
        ))}
      </ul>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t('sync.close')}
      </button>
    </section>
  );
}

function ConflictEntry({ conflict, ticket }: { conflict: Conflict; ticket: string }) {
  const { t, i18n } = useTranslation();
  const label = (field: string) =>
    (REPORT_CONTENT_FIELDS as readonly string[]).includes(field)
      ? t(`report.fields.${field as ReportContentField}`)
      : field;
  const desk = useDesk();
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [error, setError] = useState('');
  const isComplete = conflict.fields.every((f) => choices[f.field] !== undefined);
  const resolve = () =>
    resolveConflict(desk.store, conflict.id, choices).then(
      () => desk.wrote(),
      (failure: unknown) => setError(actionErrorText(failure, i18n.language)),
    );
  return (
    <li className="panel__item" data-testid="conflict">
      <p>
        <strong>{t('sync.conflictOn', { ticket })}</strong>
      </p>
      {conflict.note && <p>{sharedText(i18n.language, conflict.note)}</p>}
      {conflict.fields.length > 0 && (
        <table className="conflict-table">
          <thead>
            <tr>
              <th scope="col">{t('report.correct.field')}</th>
              <th scope="col">{t('sync.base')}</th>
              <th scope="col">{t('sync.mine')}</th>
              <th scope="col">{t('sync.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.fields.map((field) => (
              <tr key={field.field}>
                <th scope="row">{label(field.field)}</th>
                <td>{show(field.base)}</td>
                <td>
                  <label>
                    <input
                      type="radio"
                      name={`${conflict.id}-${field.field}`}
                      onChange={() => setChoices({ ...choices, [field.field]: 'mine' })}
                    />{' '}
                    {show(field.mine)} <span className="sr-only">({t('sync.keepMine')})</span>
                  </label>
                </td>
                <td>
                  <label>
                    <input
                      type="radio"
                      name={`${conflict.id}-${field.field}`}
                      onChange={() => setChoices({ ...choices, [field.field]: 'theirs' })}
                    />{' '}
                    {show(field.theirs)} <span className="sr-only">({t('sync.takeTheirs')})</span>
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="button-secondary"
        disabled={!isComplete}
        onClick={() => void resolve()}
      >
        {conflict.fields.length > 0 ? t('sync.resolve') : t('sync.acknowledge')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </li>
  );
}
