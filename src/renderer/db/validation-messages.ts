/** The sentence an officer sees for invalid input: the first zod issue, with its field path. */
import type { z } from 'zod';

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Data tidak valid.';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
