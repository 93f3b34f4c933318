/**
 * A case as the officer works on it: facts, reporter (masked per role), deadlines, the steps
 * the shared transition table allows this officer now, handling reports, attachments and the
 * timeline.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { availableCaseActions, availableReportActions, type CaseAction } from '../../../shared';
import { createReport } from '../../db';
import { useAppStore } from '../../state/app-store';
import { actionErrorText } from '../action-errors';
import { DeadlineBadge } from '../queue/DeadlineBadge';
import { deadlineBadgeOf, zoneOfUnit } from '../queue/deadline-badge';
import { formatDateTime } from '../format';
import { useDesk } from '../session/desk-context';
import { useNow } from '../session/use-now';
import { CaseActionForm } from './CaseActionForm';
import { AttachmentItem } from './AttachmentItem';
import { ReportCard } from './ReportCard';
import { ReporterCard } from './ReporterCard';
import { Timeline } from './Timeline';
import { caseQueueKeys } from '../../db/case-queue-keys';
import { useCaseFile } from './use-case-file';
import { caseSummaryDocument } from './printable-documents';
import { usePrint } from './use-print';

export function CaseDetail({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const now = useNow();
  const file = useCaseFile(caseId);
  const openCase = useAppStore((s) => s.openCase);
  const [action, setAction] = useState<CaseAction | null>(null);
  const [message, setMessage] = useState('');
  const [isCreatingReport, setIsCreatingReport] = useState(false);
  const [error, setError] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const { print, isPrinting } = usePrint({ onDone: setMessage, onError: setError });

  // The desk keys this component by case id, so opening another case starts it afresh.
  const isLoaded = file !== undefined;
  useEffect(() => {
    if (isLoaded) headingRef.current?.focus();
  }, [caseId, isLoaded]);

  if (file === undefined) return null;
  if (file.found === null) return <p className="case-detail">{t('case.notFound')}</p>;
  const { found, reports, events, attachments, duplicateTickets } = file;
  const record = found.record;
  const directory = desk.store.directory;
  const workflow = desk.store.requireWorkflowDirectory();
  const actor = desk.store.requireActor();
  const caseActions = availableCaseActions({
    actor,
    record,
    directory: workflow,
    reportStatuses: reports.map((r) => r.record.status),
  });
  // An officer with a draft of their own on this case goes on with it (its card has the form):
  // another click would only add an empty draft that no step can delete.
  const hasOwnDraft = reports.some((r) => r.record.status === 'draft' && r.record.authorId === actor.userId);
  const canWriteReport =
    !hasOwnDraft &&
    availableReportActions({
      actor,
      report: null,
      caseRecord: record,
      directory: workflow,
    }).includes('create');
  const zone = zoneOfUnit(directory, record.unitId);
  const { dueAt } = caseQueueKeys(record, directory);
  const unitName = (id: string | null) =>
    directory?.units.find((u) => u.id === id)?.name ?? t('case.noneValue');
  const personName = (id: string) => directory?.people.find((p) => p.id === id)?.displayName ?? id;
  const channelName =
    directory?.config.channels.find((c) => c.key === record.channel)?.name ?? record.channel;
  const topicName =
    directory?.config.topics.find((c) => c.key === record.topic)?.name ?? record.topic ?? t('case.noneValue');

  const deadlineState = deadlineBadgeOf(dueAt, record.unitId, directory, now);
  const dueText = dueAt === null ? t('deadline.none') : formatDateTime(dueAt, zone, i18n.language);
  const printSummary = () =>
    print((frame) =>
      caseSummaryDocument(t, frame, {
        record,
        role: actor.role,
        facts: {
          channel: channelName,
          topic: topicName,
          unit: unitName(record.unitId),
          regionalUnits: record.regionalUnitIds.map((id) => unitName(id)).join(', ') || t('case.noneValue'),
          assignees: record.assigneeIds.map(personName).join(', ') || t('case.noneValue'),
          receivedAt: formatDateTime(record.receivedAt, zone, i18n.language),
          deadline: deadlineState ? `${t(`deadline.${deadlineState}`)}, ${dueText}` : dueText,
        },
      }),
    );

  const writeReport = () => {
    setError('');
    setIsCreatingReport(true);
    createReport(desk.store, record.id).then(
      () => {
        setIsCreatingReport(false);
        desk.wrote();
      },
      (failure: unknown) => {
        setIsCreatingReport(false);
        setError(actionErrorText(failure, i18n.language));
      },
    );
  };

  return (
    <article className="case-detail" aria-labelledby={headingId}>
      <button type="button" className="button-link" onClick={() => openCase(null)}>
        {t('case.back')}
      </button>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {record.title}
      </h2>
      <p className="case-detail__meta">
        <span>{t('case.ticket', { ticket: record.ticketId })}</span> ·{' '}
        <span data-testid="case-status">{t(`status.${record.status}`)}</span> ·{' '}
        <DeadlineBadge state={deadlineState} dueAt={dueAt} zone={zone} />
        {found.hasUnsentWork && <span className="badge badge--unsent">{t('queue.unsent')}</span>}
      </p>
      {found.hasUnsentWork && <p className="notice">{t('case.unsent')}</p>}
      <div className="action-bar">
        <button type="button" className="button-secondary" onClick={printSummary} disabled={isPrinting}>
          {t('print.caseSummary')}
        </button>
      </div>
      <div role="status" className="case-detail__message">
        {message}
      </div>

      <section className="card" aria-label={t('case.actions')}>
        <h3>{t('case.actions')}</h3>
        {action ? (
          <CaseActionForm
            key={action}
            action={action}
            record={record}
            onDone={(text) => {
              setAction(null);
              setMessage(text);
            }}
          />
        ) : caseActions.length === 0 && !canWriteReport ? (
          <p>{t('case.noActions')}</p>
        ) : (
          <div className="action-bar" data-testid="case-actions">
            {caseActions.map((name) => (
              <button key={name} type="button" className="button-secondary" onClick={() => setAction(name)}>
                {t(`actions.${name}`)}
              </button>
            ))}
            {canWriteReport && (
              <button type="button" className="button-secondary" disabled={isCreatingReport} onClick={writeReport}>
                {t('report.write')}
              </button>
            )}
          </div>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </section>

      <section className="card" aria-label={t('case.description')}>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('case.channel')}</dt>
            <dd>{channelName}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('case.kind')}</dt>
            <dd>{t(`kind.${record.kind}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('case.topic')}</dt>
            <dd>{topicName}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('case.urgency')}</dt>
            <dd>{t(`urgency.${record.urgency}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('case.receivedAt')}</dt>
            <dd>{formatDateTime(record.receivedAt, zone, i18n.language)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('case.unit')}</dt>
            <dd>{unitName(record.unitId)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('case.regionalUnits')}</dt>
            <dd>{record.regionalUnitIds.map((id) => unitName(id)).join(', ') || t('case.noneValue')}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('case.assignees')}</dt>
            <dd>{record.assigneeIds.map(personName).join(', ') || t('case.noneValue')}</dd>
          </div>
          {record.resolutionNote && (
            <div className="facts__row">
              <dt>{t('case.resolutionNote')}</dt>
              <dd>{record.resolutionNote}</dd>
            </div>
          )}
          {record.channelReference && (
            <div className="facts__row">
              <dt>{t('case.channelReference')}</dt>
              <dd data-testid="channel-reference">{record.channelReference}</dd>
            </div>
          )}
          {record.rating !== null && (
            <div className="facts__row">
              <dt>{t('case.rating')}</dt>
              <dd data-testid="case-rating">{record.rating}</dd>
            </div>
          )}
          {record.possibleDuplicateIds.length > 0 && (
            <div className="facts__row">
              <dt>{t('case.duplicates')}</dt>
              <dd>
                {record.possibleDuplicateIds.map((id) => (
                  <button key={id} type="button" className="button-link" onClick={() => openCase(id)}>
                    {duplicateTickets.get(id) ?? id}
                  </button>
                ))}
              </dd>
            </div>
          )}
        </dl>
        <h3>{t('case.description')}</h3>
        <p className="case-detail__description">{record.description}</p>
      </section>

      <ReporterCard record={record} role={actor.role} />

      <section className="card" aria-label={t('case.reports')}>
        <h3>{t('case.reports')}</h3>
        {reports.length === 0 && <p>{t('case.reportsEmpty')}</p>}
        {reports.map((report, index) => (
          <ReportCard
            key={report.record.id}
            report={report}
            index={index}
            caseRecord={record}
            onMessage={setMessage}
          />
        ))}
      </section>

      <section className="card" aria-label={t('case.attachments')}>
        <h3>{t('case.attachments')}</h3>
        {attachments.length === 0 ? (
          <p>{t('case.attachmentsEmpty')}</p>
        ) : (
          <ul data-testid="attachments" className="attachments">
            {attachments.map((a) => (
              <AttachmentItem key={a.id} meta={a} />
            ))}
          </ul>
        )}
      </section>

      <Timeline events={events} directory={directory} zone={zone} />
    </article>
  );
}
