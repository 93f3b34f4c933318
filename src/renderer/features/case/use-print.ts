/**
 * Printing a document through the platform: the letterhead of the officer's unit, the time in
 * its zone, and one sentence afterwards (saved, cancelled, or handed to the browser's dialog).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintableDocument } from '../../platform';
import { formatDateTime } from '../format';
import { usePlatform } from '../platform-context';
import { zoneOfUnit } from '../queue/deadline-badge';
import { saveOutcomeText } from '../save-outcome';
import { useDesk } from '../session/desk-context';
import type { PrintFrame } from './printable-documents';

export function usePrint({
  onDone,
  onError,
}: {
  onDone(message: string): void;
  onError(message: string): void;
}) {
  const { t, i18n } = useTranslation();
  const platform = usePlatform();
  const desk = useDesk();
  const [isPrinting, setIsPrinting] = useState(false);

  const frameNow = (): PrintFrame => {
    const directory = desk.store.directory;
    const unit = directory?.units.find((u) => u.id === desk.officer.unitId);
    const zone = zoneOfUnit(directory, desk.officer.unitId);
    return {
      language: i18n.language === 'en' ? 'en' : 'id',
      letterhead: {
        organisation: t('print.organisation'),
        unit: unit?.name ?? '',
        address: unit?.region ?? '',
      },
      printedAt: formatDateTime(new Date().toISOString(), zone, i18n.language),
    };
  };

  const print = (build: (frame: PrintFrame) => PrintableDocument) => {
    setIsPrinting(true);
    onError('');
    platform.print
      .toPdf(build(frameNow()))
      .then(
        (result) => onDone(saveOutcomeText(t, result)),
        (error: unknown) => {
          console.warn('Tindak: printing failed', error);
          onError(t('print.failed'));
        },
      )
      .finally(() => setIsPrinting(false));
  };

  return { print, isPrinting };
}
