/**
 * Changes the server refused, with its reason. The officer fixes a field and resends (a new
 * mutation, checked locally like any action) or discards the change; nothing is dropped
 * without them choosing so.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { id as messages } from '../../i18n/id';
import { discardRejected, listRejected, resendRejected, ticketIdsOf, type RejectedItem } from '../../db';
import { actionErrorText } from '../action-errors';
import { useDesk } from '../session/desk-context';
import { sharedText } from '../../i18n/shared-text';

export function RejectedList({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const items = useLiveQuery(async () => {
    const rejected = await listRejected(desk.store);
    const tickets = await ticketIdsOf(
      desk.store,
      rejected.map((item) => item.caseId),
    );
    return rejected.map((item) => ({ item, ticket: tickets.get(item.caseId) ?? item.caseId }));
  }, [desk]);
  return (
    <section className="panel" aria-label={t('sync.rejectedTitle')}>
      <h3>{t('sync.rejectedTitle')}</h3>
      {items?.length === 0 && <p>{t('sync.rejectedEmpty')}</p>}
      <ul className="panel__list">
        {items?.map(({ item, ticket }) => (
          <RejectedEntry key={item.id} item={item} ticket={ticket} />
        ))}
      </ul>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t('sync.close')}
      </button>
    </section>
  );
}

function RejectedEntry({ item, ticket }: { item: RejectedItem; ticket: string }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [error, setError] = useState('');
  const m = item.mutation;
  const eventName =
    m.entity === 'report'
      ? `report_${m.op === 'action' ? (m.action ?? '') : m.op === 'update' ? 'edit' : 'create'}`
      : m.op === 'action'
        ? (m.action ?? '')
        : m.op;
  const what =
    eventName in messages.events ? t(`events.${eventName as keyof typeof messages.events}`) : eventName;
  // What the officer can fix by typing: the text values of an edit, or of a step's input.
  const isAction = m.op === 'action';
  const source: Record<string, unknown> =
    isAction && typeof m.payload === 'object' && m.payload !== null
      ? (m.payload as Record<string, unknown>)
      : m.fields;
  // Ids, channels and times are the record's bookkeeping, not the officer's to retype; the
  // ticket number is the officer's (a duplicate ticket is fixed by typing the right one).
  const editable = Object.entries(source).filter(
    ([key, value]) =>
      typeof value === 'string' && (key === 'ticketId' || !/(^id$|Id$|At$|^channel$)/.test(key)),
  );
  // The field's name as the forms call it, where one of them does.
  const labelOf = (field: string) => {
    const key = [`report.fields.${field}`, `walkIn.fields.${field}`, `actions.fields.${field}`].find(
      (candidate) => i18n.exists(candidate),
    );
    return key ? String(t(key as never)) : field;
  };
  const [fixes, setFixes] = useState<Record<string, string>>(() =>
    Object.fromEntries(editable.map(([k, v]) => [k, String(v)])),
  );
  const fix =
    editable.length === 0 ? {} : isAction ? { payload: { ...source, ...fixes } } : { fields: fixes };
  const act = (work: Promise<unknown>) =>
    work.then(
      () => desk.wrote(),
      (failure: unknown) => setError(actionErrorText(failure, i18n.language)),
    );
  return (
    <li className="panel__item">
      <p>
        <strong>{t('sync.rejectedItem', { what, ticket })}</strong>:{' '}
        {sharedText(i18n.language, item.message, item.code)} <code>{item.code}</code>
      </p>
      {editable.map(([field]) => (
        <label key={field} className="field">
          {t('sync.fixValue', { field: labelOf(field) })}
          <input
            value={fixes[field] ?? ''}
            onChange={(e) => setFixes({ ...fixes, [field]: e.target.value })}
          />
        </label>
      ))}
      <div className="action-bar">
        <button
          type="button"
          className="button-secondary"
          onClick={() => void act(resendRejected(desk.store, item.id, fix))}
        >
          {t('sync.resend')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => void act(discardRejected(desk.store, item.id))}
        >
          {t('sync.discard')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </li>
  );
}
