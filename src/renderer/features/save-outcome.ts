// What the officer is told after a print or an export: saved (and where), cancelled, or
// handed to the browser's own dialog, whose outcome a page cannot know.
import type { TFunction } from 'i18next';
import type { SaveResult } from '../platform';

export function saveOutcomeText(t: TFunction, result: SaveResult): string {
  switch (result.outcome) {
    case 'saved':
      return t('output.saved', { fileName: result.fileName });
    case 'cancelled':
      return t('output.cancelled');
    case 'handedToBrowser':
      return t('output.handedToBrowser');
  }
}
