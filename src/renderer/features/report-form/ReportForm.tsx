/**
 * The handling report form (react-hook-form, validated by the shared report schema). The
 * draft saves itself a few seconds after the officer stops typing and when a field loses
 * focus, each save one local transaction (saveDraft), so after a crash the text is back.
 * Submitting checks the fields the shared rule requires and names the missing ones.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, VISIT_METHODS, BENEFICIARY_STATUSES, type ReportContent } from '../../../shared';
import {
  addAttachment,
  performReportAction,
  saveDraft,
  type LocalReport,
  type ReportContentPatch,
} from '../../db';
import { actionErrorText } from '../action-errors';
import { useDesk } from '../session/desk-context';
import { formatTime } from '../format';
import { zoneOfUnit } from '../queue/deadline-badge';
import { preparedFileBytes } from './image-downscale';
import {
  contentOf,
  formValuesOf,
  loadedContent,
  missingFields,
  reportContentOf,
  reportFormSchema,
  type ReportFormValues,
} from './report-form-schema';
import { sharedText } from '../../i18n/shared-text';

export const AUTOSAVE_DELAY_MS = 2_000;

export function ReportForm({ report, onClose }: { report: LocalReport; onClose(message: string): void }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const ids = {
    visitDate: useId(),
    method: useId(),
    findings: useId(),
    actionsTaken: useId(),
    outcome: useId(),
    recommendation: useId(),
    file: useId(),
    checks: useId(),
  };
  const programs = (desk.store.directory?.config.programs ?? []).map((p) => p.key);
  const programName = (key: string) =>
    desk.store.directory?.config.programs.find((p) => p.key === key)?.name ?? key;
  const {
    register,
    handleSubmit,
    watch,
    getValues,
    setError,
    formState: { errors },
  } = useForm<ReportFormValues>({
    resolver: zodResolver(reportFormSchema),
    defaultValues: formValuesOf(report.record, programs),
    mode: 'onBlur',
  });
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const saving = useRef<Promise<void>>(Promise.resolve());
  /**
   * The content as this form last loaded or saved it, in two shapes: normalised as the form
   * would save it (to find what the officer changed), and as the record holds it (the base the
   * server compares with). Only fields the officer changed are saved, with the record's value
   * as their base: a correction the liaison officer made meanwhile to another field is left
   * alone, and one to the same field comes back as a conflict.
   */
  const baseline = useRef<ReportContent>(loadedContent(report.record, programs));
  const recordBase = useRef<ReportContent>(contentOf(report.record));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reportId = report.record.id;

  /** Saves the current values if they are valid; saves run one after another. */
  const saveNow = (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const parsed = reportFormSchema.safeParse(getValues());
    if (!parsed.success) return saving.current;
    const content = reportContentOf(parsed.data);
    // Compared once the save before has settled, against what it saved.
    saving.current = saving.current
      .then(async () => {
        const changed = (Object.keys(content) as (keyof ReportContent)[]).filter(
          (field) => JSON.stringify(content[field]) !== JSON.stringify(baseline.current[field]),
        );
        if (changed.length === 0) return;
        const patch = Object.fromEntries(
          changed.map((field) => [field, content[field]]),
        ) as ReportContentPatch;
        const startedFrom = Object.fromEntries(
          changed.map((field) => [field, recordBase.current[field]]),
        ) as ReportContentPatch;
        const change = await saveDraft(desk.store, reportId, patch, startedFrom);
        baseline.current = { ...baseline.current, ...patch };
        recordBase.current = { ...recordBase.current, ...patch };
        if (change) {
          desk.wrote();
          setSavedAt(new Date());
        }
        setProblem('');
      })
      .catch((error: unknown) => setProblem(actionErrorText(error, i18n.language)));
    return saving.current;
  };

  // Signing out saves what was typed before the store closes (DeskSession.signOut).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => desk.holdPendingSave(() => saveNow()), [desk, reportId]);

  useEffect(() => {
    // The app does not use the React Compiler; watch() subscribing once is what is wanted.
    // eslint-disable-next-line react-hooks/incompatible-library
    const subscription = watch(() => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    });
    return () => {
      subscription.unsubscribe();
      if (timer.current) {
        clearTimeout(timer.current);
        // Leaving the form saves what was typed.
        void saveNow();
      }
    };
    // saveNow reads the latest values through getValues; subscribing once is intended.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [watch, reportId]);

  const isReturned = report.record.status === 'returned';
  const isDraft = report.record.status === 'draft';

  const submit = handleSubmit(
    async (values) => {
      const content = reportContentOf(reportFormSchema.parse(values));
      const missing = missingFields(content);
      if (missing.length > 0) {
        for (const field of missing) {
          setError(field as FieldPath<ReportFormValues>, {
            type: 'required',
            message: t('report.missing', { field: t(`report.fields.${field}`) }),
          });
        }
        return;
      }
      await saveNow();
      try {
        if (isDraft || isReturned) {
          await performReportAction(desk.store, reportId, isReturned ? 'resubmit' : 'submit', {});
          desk.wrote();
        }
        onClose(t('actions.saved'));
      } catch (error) {
        setProblem(actionErrorText(error, i18n.language));
      }
    },
    () => setProblem(t('report.invalid')),
  );

  const fieldError = (name: FieldPath<ReportFormValues>) => {
    const parts = name.split('.');
    let node: unknown = errors;
    for (const part of parts)
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    const message =
      typeof node === 'object' && node !== null && 'message' in node ? String(node.message) : '';
    return message ? (
      <span className="error" role="alert" id={`${name}-error`}>
        {sharedText(i18n.language, message)}
      </span>
    ) : null;
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const prepared = await preparedFileBytes(file);
      await addAttachment(desk.store, { caseId: report.record.caseId, reportId, ...prepared });
      desk.wrote();
      setNotice(t('report.attachmentAdded', { name: prepared.fileName }));
    } catch (error) {
      setProblem(actionErrorText(error, i18n.language));
    }
  };

  return (
    <form
      className="report-form"
      onSubmit={(event) => void submit(event)}
      onBlur={() => void saveNow()}
      aria-label={t('report.edit')}
      noValidate
    >
      <h4>{t('report.edit')}</h4>
      <div className="field">
        <label htmlFor={ids.visitDate}>{t('report.fields.visitDate')}</label>
        <input
          id={ids.visitDate}
          type="date"
          {...register('visitDate')}
          aria-invalid={errors.visitDate ? true : undefined}
        />
        {fieldError('visitDate')}
      </div>
      <div className="field">
        <label htmlFor={ids.method}>{t('report.fields.method')}</label>
        <select id={ids.method} {...register('method')} aria-invalid={errors.method ? true : undefined}>
          <option value="">{t('actions.fields.choose')}</option>
          {VISIT_METHODS.map((method) => (
            <option key={method} value={method}>
              {t(`report.methods.${method}`)}
            </option>
          ))}
        </select>
        {fieldError('method')}
      </div>
      <div className="field">
        <label htmlFor={ids.findings}>{t('report.fields.findings')}</label>
        <textarea
          id={ids.findings}
          rows={4}
          {...register('findings')}
          aria-invalid={errors.findings ? true : undefined}
        />
        {fieldError('findings')}
      </div>
      <div className="field">
        <label htmlFor={ids.actionsTaken}>{t('report.fields.actionsTaken')}</label>
        <textarea
          id={ids.actionsTaken}
          rows={3}
          {...register('actionsTaken')}
          aria-invalid={errors.actionsTaken ? true : undefined}
        />
        {fieldError('actionsTaken')}
      </div>
      <fieldset className="checks">
        <legend>{t('report.fields.beneficiaryChecks')}</legend>
        {programs.map((program, index) => (
          <div key={program} className="check-row">
            <label htmlFor={`${ids.checks}-${index}-status`}>{programName(program)}</label>
            <select id={`${ids.checks}-${index}-status`} {...register(`checks.${index}.status`)}>
              <option value="">{t('report.beneficiary.notChecked')}</option>
              {BENEFICIARY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`report.beneficiary.${status}`)}
                </option>
              ))}
            </select>
            <label htmlFor={`${ids.checks}-${index}-note`}>
              {t('report.beneficiary.note', { program: programName(program) })}
            </label>
            <input id={`${ids.checks}-${index}-note`} {...register(`checks.${index}.note`)} />
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.outcome}>{t('report.fields.outcome')}</label>
        <select id={ids.outcome} {...register('outcome')} aria-invalid={errors.outcome ? true : undefined}>
          <option value="">{t('actions.fields.choose')}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`report.outcomes.${outcome}`)}
            </option>
          ))}
        </select>
        {fieldError('outcome')}
      </div>
      <div className="field">
        <label htmlFor={ids.recommendation}>{t('report.fields.recommendation')}</label>
        <textarea id={ids.recommendation} rows={2} {...register('recommendation')} />
        {fieldError('recommendation')}
      </div>
      <div className="field">
        <label htmlFor={ids.file}>{t('report.attachPhoto')}</label>
        <input
          id={ids.file}
          type="file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          onChange={(event) => void onFile(event.target.files?.[0])}
        />
      </div>
      <p role="status" className="report-form__saved">
        {savedAt
          ? t('report.autosaved', {
              time: formatTime(savedAt, zoneOfUnit(desk.store.directory, desk.officer.unitId), i18n.language),
            })
          : ''}{' '}
        {notice}
      </p>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="action-form__buttons">
        <button type="submit" className="button-primary">
          {isReturned
            ? t('report.actions.resubmit')
            : isDraft
              ? t('report.actions.submit')
              : t('actions.confirm')}
        </button>
        <button type="button" className="button-secondary" onClick={() => void saveNow()}>
          {t('report.saveNow')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => void saveNow().then(() => onClose(''))}
        >
          {t('report.close')}
        </button>
      </div>
    </form>
  );
}
