/** Attachment metadata; the bytes travel separately in resumable chunks. */
import { z } from 'zod';
import { idSchema, isoDateTimeSchema, requiredText } from './common';

export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const attachmentMetaSchema = z.strictObject({
  id: idSchema,
  caseId: idSchema,
  reportId: idSchema.nullable(),
  fileName: requiredText(255, 'Nama berkas'),
  mimeType: z.enum(ATTACHMENT_MIME_TYPES, { error: 'Jenis berkas harus JPEG, PNG, WebP atau PDF.' }),
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES, 'Berkas terlalu besar (maks. 20 MB).'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Checksum SHA-256 tidak valid.'),
  createdBy: idSchema,
  createdAt: isoDateTimeSchema,
  isUploaded: z.boolean(),
});
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;
