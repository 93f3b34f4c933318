/** The sentence an officer sees when a local action fails, in the UI's language. */
import { ActionRefusedError, LocalStoreError } from '../db';
import { sharedText } from '../i18n/shared-text';

export function actionErrorText(error: unknown, language: string | undefined): string {
  if (error instanceof ActionRefusedError) return sharedText(language, error.reason, error.code);
  if (error instanceof LocalStoreError) return sharedText(language, error.message);
  return error instanceof Error ? error.message : String(error);
}
