/**
 * Every refusal leaves the server as `{ error: { code, message } }` with a stable code from
 * src/shared/errors.ts. Client mistakes are 4xx; a 5xx means the server itself failed.
 */
import { ERROR_MESSAGES, type ErrorCode } from '../../shared';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_MESSAGES[code].id);
  }
}

export const badRequest = (message?: string, details?: unknown) => new HttpError(400, 'invalid_body', message, details);
export const unauthenticated = (message?: string) => new HttpError(401, 'unauthenticated', message);
export const forbidden = (message?: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message?: string) => new HttpError(404, 'not_found', message);
