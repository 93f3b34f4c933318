/**
 * The counter form for a walk-in complaint, checked with the shared schemas (NIK and KK
 * structure, Indonesian phone numbers, text bounds; messages in Bahasa Indonesia). Empty
 * identity fields are allowed: a reporter may decline to give them, or be anonymous.
 */
import { z } from 'zod';
import {
  caseKindSchema,
  caseRecordSchema,
  kkSchema,
  nikSchema,
  phoneSchema,
  reporterSchema,
  urgencySchema,
} from '../../../shared';
import type { WalkInCaseInput } from '../../db';

/**
 * Empty, or valid by `schema`, with the schema's own message: a zod union would replace the
 * Indonesian sentence with a generic one. The value stays as typed (the store normalises).
 */
function emptyOr(schema: z.ZodType<unknown, string>) {
  return z.string().superRefine((value, ctx) => {
    if (value.trim() === '') return;
    const result = schema.safeParse(value);
    if (!result.success)
      for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
  });
}

export const walkInFormSchema = z.object({
  kind: caseKindSchema,
  urgency: urgencySchema,
  title: caseRecordSchema.shape.title,
  description: caseRecordSchema.shape.description,
  name: emptyOr(reporterSchema.shape.name.unwrap()),
  nik: emptyOr(nikSchema),
  kk: emptyOr(kkSchema),
  phone: emptyOr(phoneSchema),
  address: emptyOr(reporterSchema.shape.address.unwrap()),
  isAnonymous: z.boolean(),
  isConfidential: z.boolean(),
});

export type WalkInFormValues = z.input<typeof walkInFormSchema>;

export const EMPTY_WALK_IN: WalkInFormValues = {
  kind: 'complaint',
  urgency: 'normal',
  title: '',
  description: '',
  name: '',
  nik: '',
  kk: '',
  phone: '',
  address: '',
  isAnonymous: false,
  isConfidential: false,
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function walkInInputOf(values: z.output<typeof walkInFormSchema>): WalkInCaseInput {
  return {
    kind: values.kind,
    urgency: values.urgency,
    title: values.title,
    description: values.description,
    // An anonymous reporter's identity is not written down at all.
    reporter: values.isAnonymous
      ? {}
      : {
          name: orNull(values.name),
          nik: orNull(values.nik),
          kk: orNull(values.kk),
          phone: orNull(values.phone),
          address: orNull(values.address),
        },
    isAnonymous: values.isAnonymous,
    isConfidential: values.isConfidential,
  };
}
