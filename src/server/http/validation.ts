import type { z } from 'zod';
import { badRequest } from './errors';

/** Parses untrusted input with a shared schema; a failure is a 400 naming the first problem. */
export function parseBody<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = issues[0];
    throw badRequest(first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : undefined, { issues });
  }
  return result.data;
}
