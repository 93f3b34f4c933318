// The shape of `window.tindak`, the only door from the renderer to the main process.
// Types only, no Electron import: the renderer's tsconfig includes this file so that its
// platform adapter and the preload agree on one contract, checked by the compiler. The data
// types are inferred from the zod schemas in ./schemas, which main uses to validate arguments;
// import them from there.
import type {
  ExportRequest,
  LogEntry,
  OpenExternalResult,
  OverdueNotice,
  PrintableDocument,
  SaveResult,
  SecretRef,
  Settings,
  SyncFinished,
  VaultReadResult,
  VaultStatus,
  VaultWriteResult,
} from './schemas';

export interface AppInfo {
  /** The application version, from package.json. */
  readonly version: string;
  /** Where the app runs: a Node platform name such as 'linux' or 'win32', or 'browser'. */
  readonly platform: string;
}

export interface AppApi {
  getInfo(): Promise<AppInfo>;
}

/** Secrets kept by the operating system (refresh token, wrapped data keys). */
export interface VaultApi {
  /** Whether secrets can be stored here and, if not, a sentence saying why. */
  status(): Promise<VaultStatus>;
  put(ref: SecretRef, value: string): Promise<VaultWriteResult>;
  get(ref: SecretRef): Promise<VaultReadResult>;
  delete(ref: SecretRef): Promise<VaultWriteResult>;
}

export interface SettingsApi {
  get(): Promise<Settings>;
  /** Saves validated settings (settingsSchema) and returns them as stored. */
  set(settings: Settings): Promise<Settings>;
}

export interface FilesApi {
  /** Asks where to save, then writes the export there. */
  saveExport(request: ExportRequest): Promise<SaveResult>;
}

export interface PrintApi {
  /** Renders the document on the letterhead, asks where to save and writes a PDF. */
  toPdf(document: PrintableDocument): Promise<SaveResult>;
}

export interface StatusApi {
  /** The number of changes not yet sent, shown as the app's badge and tray tooltip. */
  /** The unsent count (app badge, tray tooltip), and the UI's language for the tray's words. */
  setUnsentCount(count: number, language: 'id' | 'en'): Promise<void>;
  /** Tells the officer, when they had been offline, that their work reached the server. */
  notifySyncFinished(event: SyncFinished): Promise<void>;
  notifyOverdue(notice: OverdueNotice): Promise<void>;
}

export interface ShellApi {
  /** Opens an https link in the system browser; anything else is refused with a reason. */
  openExternal(url: string): Promise<OpenExternalResult>;
}

export interface LogApi {
  /** Appends to the app's log file; personal data is masked before it is written. */
  write(entry: LogEntry): Promise<void>;
}

/** The bridge object the preload exposes; one member per feature. */
export interface TindakBridge {
  readonly kind: 'electron';
  readonly app: AppApi;
  readonly vault: VaultApi;
  readonly settings: SettingsApi;
  readonly files: FilesApi;
  readonly print: PrintApi;
  readonly status: StatusApi;
  readonly shell: ShellApi;
  readonly log: LogApi;
}

type BridgeFeature = Exclude<keyof TindakBridge, 'kind'>;

/**
 * Every method of every feature, as data: the renderer checks a bridge against it before
 * trusting it, and the tests check the preload defines exactly these. The `satisfies` makes
 * the compiler reject a name that is not a method of the contract.
 */
export const BRIDGE_METHODS = {
  app: ['getInfo'],
  vault: ['status', 'put', 'get', 'delete'],
  settings: ['get', 'set'],
  files: ['saveExport'],
  print: ['toPdf'],
  status: ['setUnsentCount', 'notifySyncFinished', 'notifyOverdue'],
  shell: ['openExternal'],
  log: ['write'],
} as const satisfies { readonly [F in BridgeFeature]: readonly (keyof TindakBridge[F])[] };
