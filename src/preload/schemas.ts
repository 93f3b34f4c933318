// The zod schemas of everything that crosses the bridge: main validates every IPC argument
// with them, the renderer's browser stand-in validates with the same ones, and api.ts infers
// its types from them (one source of truth). Imports zod only, so the renderer's tsconfig can
// include it; the preload itself imports nothing from here but types.
import { z } from 'zod';

/** A sentence for people, Bahasa Indonesia first (STYLE.md habit 10). */
export interface UserMessage {
  readonly id: string;
  readonly en: string;
}

// ---------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

export const SERVER_URL_MESSAGE: UserMessage = {
  id: 'Alamat server harus diawali https:// (http:// hanya untuk localhost atau 127.0.0.1), tanpa nama pengguna atau kata sandi.',
  en: 'The server address must start with https:// (http:// only for localhost or 127.0.0.1), with no user name or password.',
};

/** Whether `value` is an acceptable central-server address: https, or http on this machine only. */
export function isAcceptableServerUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export const serverUrlSchema = z
  .string()
  .trim()
  .max(2048, SERVER_URL_MESSAGE.id)
  .refine(isAcceptableServerUrl, SERVER_URL_MESSAGE.id)
  // Stored normalised, so `https://x.go.id` and `https://x.go.id/` are one setting.
  .transform((value) => new URL(value).href);

export const settingsSchema = z.strictObject({
  /** The central server's base URL; null until an administrator sets it. */
  serverUrl: serverUrlSchema.nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { serverUrl: null };

// ---------------------------------------------------------------------------------------
// Secret vault
// ---------------------------------------------------------------------------------------

export const secretRefSchema = z.strictObject({
  kind: z.enum(['refreshToken', 'wrappedKeys']),
  /** Whose secret: the user id or user name; safe characters only, it becomes a map key. */
  account: z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/),
});
export type SecretRef = z.infer<typeof secretRefSchema>;

/** A secret value: a token or wrapped keys serialised by the renderer (base64 or JSON). */
export const secretValueSchema = z.string().min(1).max(65_536);

export const vaultRefusalCodeSchema = z.enum([
  'vault_plaintext_backend',
  'vault_unavailable',
  'vault_browser',
]);
export type VaultRefusalCode = z.infer<typeof vaultRefusalCodeSchema>;

export const VAULT_REFUSALS: Readonly<Record<VaultRefusalCode, UserMessage>> = {
  vault_plaintext_backend: {
    id:
      'Penyimpanan kunci sistem (GNOME Keyring atau KWallet) tidak ada, sehingga Tindak tidak menyimpan rahasia di sana: ' +
      'tanpa itu rahasia hanya tersimpan sebagai teks biasa. Token masuk tetap disimpan terkunci dengan kata sandi Anda ' +
      'di data lokal. Minta petugas TI memasang dan membuka penyimpanan kunci.',
    en:
      'There is no system keyring (GNOME Keyring or KWallet), so Tindak stores no secrets there: without one they ' +
      'would be kept as plain text. Your sign-in token stays in your local data, locked with your password. ' +
      'Ask IT to install and unlock a keyring.',
  },
  vault_browser: {
    id: 'Di peramban, rahasia tidak disimpan di penyimpanan kunci sistem; token masuk disimpan terkunci dengan kata sandi Anda di data lokal.',
    en: 'In the browser, secrets are not stored in a system keyring; your sign-in token stays in your local data, locked with your password.',
  },
  vault_unavailable: {
    id: 'Penyimpanan rahasia sistem operasi tidak tersedia; token masuk disimpan terkunci dengan kata sandi Anda di data lokal.',
    en: 'The operating system secret storage is not available; your sign-in token stays in your local data, locked with your password.',
  },
};

export type VaultStatus =
  | { readonly isAvailable: true; readonly backend: string }
  | {
      readonly isAvailable: false;
      readonly backend: string;
      readonly code: VaultRefusalCode;
      readonly message: UserMessage;
    };

export type VaultRefusal = {
  readonly ok: false;
  readonly code: VaultRefusalCode;
  readonly message: UserMessage;
};
export type VaultWriteResult = { readonly ok: true } | VaultRefusal;
export type VaultReadResult = { readonly ok: true; readonly value: string | null } | VaultRefusal;

// ---------------------------------------------------------------------------------------
// Export and print
// ---------------------------------------------------------------------------------------

/** A file name without any folder: the save dialog decides where it goes. */
export const exportFileNameSchema = z
  .string()
  .trim()
  .min(1, 'Nama berkas tidak valid.')
  .max(120, 'Nama berkas tidak valid.')
  .refine(
    (name) =>
      !name.startsWith('.') &&
      [...name].every((character) => character.charCodeAt(0) >= 0x20 && !'/\\:*?"<>|'.includes(character)),
    'Nama berkas tidak valid.',
  );

export const exportFormatSchema = z.enum(['csv', 'json', 'txt']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const exportRequestSchema = z.strictObject({
  suggestedName: exportFileNameSchema,
  format: exportFormatSchema,
  /** The file's text. 20 MiB is far above a unit's yearly export. */
  content: z.string().max(20 * 1024 * 1024),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;

/**
 * How a save ended: written where the officer chose, cancelled in the dialog, or (browser shell)
 * handed to the browser's own download or print dialog, whose outcome a page cannot know.
 */
export type SaveResult =
  | { readonly outcome: 'saved'; readonly fileName: string }
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'handedToBrowser' };

const printText = (max: number) => z.string().trim().max(max);

export const printableDocumentSchema = z.strictObject({
  kind: z.enum(['caseSummary', 'handlingReport']),
  language: z.enum(['id', 'en']),
  letterhead: z.strictObject({
    /** e.g. "Kementerian Sosial Republik Indonesia". */
    organisation: printText(200).min(1),
    /** e.g. "Biro Hubungan Masyarakat". */
    unit: printText(200),
    address: printText(300),
  }),
  title: printText(200).min(1),
  /** The case's ticket number, printed under the title and used for the file name. */
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._/-]{1,64}$/),
  fields: z.array(z.strictObject({ label: printText(100).min(1), value: printText(2_000) })).max(60),
  sections: z.array(z.strictObject({ heading: printText(200).min(1), body: printText(10_000) })).max(20),
  /** When the document was produced, already formatted for the reader's time zone. */
  printedAt: printText(100).min(1),
});
export type PrintableDocument = z.infer<typeof printableDocumentSchema>;

// ---------------------------------------------------------------------------------------
// Status: unsent count, notifications, logs, external links
// ---------------------------------------------------------------------------------------

export const unsentCountSchema = z.number().int().min(0).max(1_000_000);
/** The UI's language, for what the shell says outside the window (tray, notifications). */
export const uiLanguageSchema = z.enum(['id', 'en']);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;

export const syncFinishedSchema = z.strictObject({
  language: z.enum(['id', 'en']),
  /** Whether the device had been offline before this sync; only then is the officer told. */
  wasOffline: z.boolean(),
  sentCount: z.number().int().min(0).max(1_000_000),
  receivedCount: z.number().int().min(0).max(1_000_000),
});
export type SyncFinished = z.infer<typeof syncFinishedSchema>;

export const overdueNoticeSchema = z.strictObject({
  language: z.enum(['id', 'en']),
  /** How many cases became overdue since the last notice. */
  count: z.number().int().min(1).max(1_000_000),
  /** The ticket of the first one, shown when there is exactly one (a ticket id: up to 64 characters, no control or format characters). */
  firstReference: z
    .string()
    .min(1)
    .max(64)
    // No control or format characters (bidi overrides would reorder the notification's text).
    .regex(/^[^\p{Cc}\p{Cf}]+$/u)
    .nullable(),
});
export type OverdueNotice = z.infer<typeof overdueNoticeSchema>;

export const logEntrySchema = z.strictObject({
  level: z.enum(['info', 'warn', 'error']),
  message: z.string().max(2_000),
  /** Flat and small: a handful of named values, masked by the main process's logger. */
  details: z
    .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .refine((details) => Object.keys(details).length <= 20, 'At most 20 details.')
    .optional(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

/** An address the officer asked to open in the system browser; checkExternalUrl decides. */
export const externalUrlSchema = z.string().max(2048);

/**
 * The URL to hand to the system browser, normalised by the URL parser, or null to refuse:
 * https only, a real host name, no user name or password in it (a classic disguise:
 * https://lapor.go.id@evil.example/). Main and the browser shell apply the same rule.
 */
export function checkExternalUrl(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '' || url.hostname.endsWith('.')) return null;
  return url.href;
}

export type OpenExternalResult =
  { readonly opened: true } | { readonly opened: false; readonly message: UserMessage };

export const EXTERNAL_LINK_REFUSED: UserMessage = {
  id: 'Tautan ini tidak dibuka: hanya alamat https:// yang dapat dibuka di peramban.',
  en: 'This link was not opened: only https:// addresses can be opened in the browser.',
};
