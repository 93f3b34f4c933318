/** The sentence an officer sees when a local action fails (already in Bahasa Indonesia). */
import { ActionRefusedError, LocalStoreError } from '../db';

export function actionErrorText(error: unknown): string {
  if (error instanceof ActionRefusedError) return error.reason;
  if (error instanceof LocalStoreError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
