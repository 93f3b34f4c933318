/**
 * "Ekspor CSV": the cases under the current filters or search, through the platform's save
 * (the save dialog in the desktop app, a download in a browser), with one line afterwards.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appStore } from '../../state/app-store';
import { usePlatform } from '../platform-context';
import { saveOutcomeText } from '../save-outcome';
import { useDesk } from '../session/desk-context';
import { EXPORT_LIMIT, queueCsv, queueCsvFileName } from './queue-csv';
import { readCaseQueue } from './use-case-queue';

export function QueueExport() {
  const { t } = useTranslation();
  const desk = useDesk();
  const platform = usePlatform();
  const [isExporting, setIsExporting] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  const exportCsv = async () => {
    const now = new Date();
    const { filters, searchText } = appStore.getState();
    const rows = await readCaseQueue(desk, { filters, searchText }, now, EXPORT_LIMIT);
    const directory = desk.store.directory;
    return platform.files.saveExport({
      suggestedName: queueCsvFileName(now, directory, desk.officer.unitId),
      format: 'csv',
      content: queueCsv(t, rows, directory, now),
    });
  };

  const onClick = () => {
    setIsExporting(true);
    setMessage('');
    setError('');
    exportCsv()
      .then(
        (result) => setMessage(saveOutcomeText(t, result)),
        (failure: unknown) => {
          console.warn('Tindak: the queue export failed', failure);
          setError(t('queue.exportFailed'));
        },
      )
      .finally(() => setIsExporting(false));
  };

  return (
    <div className="queue__export">
      <button type="button" className="button-secondary" onClick={onClick} disabled={isExporting}>
        {t('queue.exportCsv')}
      </button>
      <span role="status" data-testid="queue-export-status">
        {message}
      </span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
