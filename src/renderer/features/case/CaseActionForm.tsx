/**
 * The input a case action needs, asked after the officer picks the action (the buttons come
 * from the shared transition table). Saving is one local transaction (performCaseAction);
 * the shared payload schemas and guards check the input and give the sentence shown on refusal.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, isWithinUnit, unitDirectory, type CaseAction, type CaseRecord } from '../../../shared';
import { performCaseAction } from '../../db';
import { actionErrorText } from '../action-errors';
import { useDesk } from '../session/desk-context';
import { ActionFormFooter } from './ActionFormFooter';

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function Checks({
  legend,
  name,
  options,
  checked = [],
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  checked?: readonly string[];
}) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checks__item">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            defaultChecked={checked.includes(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '');
const all = (data: FormData, name: string) => data.getAll(name).map(String);

function payloadOf(action: CaseAction, data: FormData): Record<string, unknown> {
  switch (action) {
    case 'verify':
      return { topic: text(data, 'topic'), kind: text(data, 'kind'), urgency: text(data, 'urgency') };
    case 'archive':
    case 'reassign':
      return action === 'archive'
        ? { reason: text(data, 'reason') }
        : {
            unitId: text(data, 'unitId'),
            regionalUnitIds: all(data, 'regionalUnitIds'),
            reason: text(data, 'reason'),
          };
    case 'distribute':
      return { unitId: text(data, 'unitId'), regionalUnitIds: all(data, 'regionalUnitIds') };
    case 'answer':
      return { answer: text(data, 'answer') };
    case 'assign':
    case 'unassign':
      return { regionalUnitIds: all(data, 'regionalUnitIds'), assigneeIds: all(data, 'assigneeIds') };
    case 'finish': {
      const reference = text(data, 'channelReference').trim();
      return { note: text(data, 'note'), channelReference: reference === '' ? null : reference };
    }
    case 'rate':
      return { rating: Number(text(data, 'rating')) };
    case 'accept':
    case 'auto_close':
      return {};
  }
}

export function CaseActionForm({
  action,
  record,
  onDone,
}: {
  action: CaseAction;
  record: CaseRecord;
  onDone(message: string): void;
}) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [error, setError] = useState('');
  const [targetUnit, setTargetUnit] = useState('');
  const directory = desk.store.directory;
  const units = directory?.units ?? [];
  const tree = unitDirectory(units);
  const me = desk.officer;
  const config = directory?.config;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const payload = payloadOf(action, new FormData(event.currentTarget));
    // The form builds the input from strings; the shared payload schema of `action` checks
    // its shape (and answers in Bahasa Indonesia) inside performCaseAction.
    performCaseAction(desk.store, record.id, action, payload as never).then(
      () => {
        desk.wrote();
        onDone(t('actions.saved'));
      },
      (failure: unknown) => setError(actionErrorText(failure, i18n.language)),
    );
  };

  const workUnits = units.filter((u) => u.kind === 'work_unit').map((u) => ({ value: u.id, label: u.name }));
  const uptsUnder = (parentId: string) =>
    units
      .filter((u) => u.kind === 'regional' && u.parentId === parentId)
      .map((u) => ({ value: u.id, label: u.name }));
  const myUpts = units
    .filter((u) => u.kind === 'regional' && isWithinUnit(tree, u.id, me.unitId))
    .map((u) => ({ value: u.id, label: u.name }));
  const myFieldWorkers = (directory?.people ?? [])
    .filter((p) => p.role === 'field_worker' && p.isActive && isWithinUnit(tree, p.unitId, me.unitId))
    .map((p) => ({
      value: p.id,
      label: `${p.displayName} (${units.find((u) => u.id === p.unitId)?.name ?? ''})`,
    }));
  const nameOfPerson = (id: string) => directory?.people.find((p) => p.id === id)?.displayName ?? id;
  const nameOfUnit = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  let fields: ReactNode = null;
  switch (action) {
    case 'verify':
      fields = (
        <>
          <Field label={t('actions.fields.topic')}>
            {(id) => (
              <select id={id} name="topic" required defaultValue={record.topic ?? ''}>
                <option value="">{t('actions.fields.choose')}</option>
                {(config?.topics ?? []).map((topic) => (
                  <option key={topic.key} value={topic.key}>
                    {topic.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('actions.fields.kind')}>
            {(id) => (
              <select id={id} name="kind" defaultValue={record.kind}>
                {CASE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kind.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('actions.fields.urgency')}>
            {(id) => (
              <select id={id} name="urgency" defaultValue={record.urgency}>
                <option value="normal">{t('urgency.normal')}</option>
                <option value="urgent">{t('urgency.urgent')}</option>
              </select>
            )}
          </Field>
        </>
      );
      break;
    case 'archive':
      fields = (
        <Field label={t('actions.fields.reason')}>
          {(id) => <textarea id={id} name="reason" required />}
        </Field>
      );
      break;
    case 'answer':
      fields = (
        <Field label={t('actions.fields.answer')}>
          {(id) => <textarea id={id} name="answer" required />}
        </Field>
      );
      break;
    case 'distribute':
    case 'reassign':
      fields = (
        <>
          <Field label={t('actions.fields.unit')}>
            {(id) => (
              <select
                id={id}
                name="unitId"
                required
                value={targetUnit}
                onChange={(e) => setTargetUnit(e.target.value)}
              >
                <option value="">{t('actions.fields.choose')}</option>
                {workUnits
                  .filter((u) => action === 'distribute' || u.value !== record.unitId)
                  .map((u) => (
                    <option key={u.value} value={u.value}>
                      {u.label}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          {targetUnit !== '' && (
            <Checks
              legend={t('actions.fields.regionalUnits')}
              name="regionalUnitIds"
              options={uptsUnder(targetUnit)}
            />
          )}
          {action === 'reassign' && (
            <Field label={t('actions.fields.reason')}>
              {(id) => <textarea id={id} name="reason" required />}
            </Field>
          )}
        </>
      );
      break;
    case 'assign':
      fields = (
        <>
          {me.role === 'liaison' && (
            <Checks legend={t('actions.fields.regionalUnits')} name="regionalUnitIds" options={myUpts} />
          )}
          <Checks legend={t('actions.fields.assignees')} name="assigneeIds" options={myFieldWorkers} />
        </>
      );
      break;
    case 'unassign':
      fields = (
        <>
          {me.role === 'liaison' && (
            <Checks
              legend={t('actions.fields.regionalUnits')}
              name="regionalUnitIds"
              options={record.regionalUnitIds.map((id) => ({ value: id, label: nameOfUnit(id) }))}
            />
          )}
          <Checks
            legend={t('actions.fields.assignees')}
            name="assigneeIds"
            options={record.assigneeIds.map((id) => ({ value: id, label: nameOfPerson(id) }))}
          />
        </>
      );
      break;
    case 'finish':
      fields = (
        <>
          <Field label={t('actions.fields.note')}>{(id) => <textarea id={id} name="note" required />}</Field>
          <Field label={t('actions.fields.channelReference')}>
            {(id) => <input id={id} name="channelReference" />}
          </Field>
        </>
      );
      break;
    case 'rate':
      fields = (
        <Field label={t('actions.fields.rating')}>
          {(id) => (
            <select id={id} name="rating" required defaultValue="">
              <option value="">{t('actions.fields.choose')}</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
      break;
    case 'accept':
    case 'auto_close':
      break;
  }

  return (
    <form className="action-form" onSubmit={submit} aria-label={t(`actions.${action}`)}>
      <h4>{t(`actions.${action}`)}</h4>
      {fields}
      <ActionFormFooter error={error} onCancel={() => onDone('')} />
    </form>
  );
}
