/**
 * Registering a complaint brought to the counter (admin): the case is created locally at once
 * (registerWalkInCase, one transaction) and the scanned family card (KK) is attached to it.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS } from '../../../shared';
import { addAttachment, checkAttachmentFile, registerWalkInCase } from '../../db';
import { appStore } from '../../state/app-store';
import { actionErrorText } from '../action-errors';
import { preparedFileBytes } from '../report-form/image-downscale';
import { useDesk } from '../session/desk-context';
import { EMPTY_WALK_IN, walkInFormSchema, walkInInputOf, type WalkInFormValues } from './walk-in-schema';
import { sharedText } from '../../i18n/shared-text';

export function WalkInForm({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const baseId = useId();
  const [problem, setProblem] = useState('');
  const [scan, setScan] = useState<File | null>(null);
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors },
  } = useForm<WalkInFormValues>({ resolver: zodResolver(walkInFormSchema), defaultValues: EMPTY_WALK_IN });
  // An anonymous complaint keeps no identity: no family card either.
  // eslint-disable-next-line react-hooks/incompatible-library
  const isAnonymous = watch('isAnonymous');

  const submit = handleSubmit(async (values) => {
    setProblem('');
    try {
      // The scan is read and checked before the case exists: a file that cannot be attached
      // must not leave a case behind for the next click to register again.
      const file = scan && !values.isAnonymous ? await preparedFileBytes(scan) : null;
      if (file) checkAttachmentFile(file);
      const change = await registerWalkInCase(desk.store, walkInInputOf(walkInFormSchema.parse(values)));
      if (file) await addAttachment(desk.store, { caseId: change.record.id, ...file });
      desk.wrote();
      appStore.getState().openCase(change.record.id);
      onClose();
    } catch (error) {
      setProblem(actionErrorText(error, i18n.language));
    }
  });

  const id = (name: string) => `${baseId}-${name}`;
  const errorOf = (name: FieldPath<WalkInFormValues>) => {
    const message = errors[name]?.message;
    return message ? (
      <span className="error" role="alert">
        {sharedText(i18n.language, message)}
      </span>
    ) : null;
  };
  const text = (
    name: 'title' | 'name' | 'nik' | 'kk' | 'phone' | 'address',
    extra: { inputMode?: 'numeric' | 'tel' } = {},
  ) => (
    <div className="field">
      <label htmlFor={id(name)}>{t(`walkIn.fields.${name}`)}</label>
      <input id={id(name)} {...register(name)} {...extra} aria-invalid={errors[name] ? true : undefined} />
      {errorOf(name)}
    </div>
  );

  return (
    <form
      className="card walk-in"
      onSubmit={(event) => void submit(event)}
      aria-label={t('walkIn.title')}
      noValidate
    >
      <h2>{t('walkIn.title')}</h2>
      <div className="field">
        <label htmlFor={id('kind')}>{t('walkIn.fields.kind')}</label>
        <select id={id('kind')} {...register('kind')}>
          {CASE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('urgency')}>{t('walkIn.fields.urgency')}</label>
        <select id={id('urgency')} {...register('urgency')}>
          <option value="normal">{t('urgency.normal')}</option>
          <option value="urgent">{t('urgency.urgent')}</option>
        </select>
      </div>
      {text('title')}
      <div className="field">
        <label htmlFor={id('description')}>{t('walkIn.fields.description')}</label>
        <textarea
          id={id('description')}
          rows={4}
          {...register('description')}
          aria-invalid={errors.description ? true : undefined}
        />
        {errorOf('description')}
      </div>
      <fieldset className="checks">
        <legend>{t('case.reporter.title')}</legend>
        <label className="checks__item">
          <input type="checkbox" {...register('isAnonymous')} /> {t('walkIn.fields.isAnonymous')}
        </label>
        <label className="checks__item">
          <input type="checkbox" {...register('isConfidential')} /> {t('walkIn.fields.isConfidential')}
        </label>
        {text('name')}
        {text('nik', { inputMode: 'numeric' })}
        {text('kk', { inputMode: 'numeric' })}
        {text('phone', { inputMode: 'tel' })}
        {text('address')}
      </fieldset>
      <div className="field">
        <label htmlFor={id('scan')}>{t('walkIn.fields.scan')}</label>
        <input
          id={id('scan')}
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          disabled={isAnonymous}
          onChange={(event) => setScan(event.target.files?.[0] ?? null)}
        />
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="action-form__buttons">
        <button type="submit" className="button-primary">
          {t('walkIn.submit')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
