// The browser stand-in for the Electron bridge (npm start without the runtime, Playwright's
// browser tests). It offers every feature of src/preload/api.ts with what a web page can do:
// settings in localStorage (validated with the same schema as main), exports as a download,
// printing through the browser's print dialog. Secrets are never stored: a page has no
// operating-system keyring, and the vault says so in the words the desktop app would use.
import { maskForLog } from '../../shared/privacy/masking';
import type { TindakBridge } from '../../preload/api';
import {
  checkExternalUrl,
  DEFAULT_SETTINGS,
  EXTERNAL_LINK_REFUSED,
  exportRequestSchema,
  printableDocumentSchema,
  settingsSchema,
  VAULT_REFUSALS,
  type PrintableDocument,
  type VaultRefusal,
} from '../../preload/schemas';
import { printDocumentInPage } from './print-sheet';

/** The browser stand-in must offer every feature of the bridge; only `kind` differs. */
export type BrowserPlatform = Omit<TindakBridge, 'kind'> & { readonly kind: 'browser' };

/** What the stand-in needs from the page; injected in tests, taken from `window` otherwise. */
export interface BrowserEnvironment {
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly download: (fileName: string, blob: Blob) => void;
  /** Prints this document alone (print-sheet.ts), not the page as shown. */
  readonly print: (document: PrintableDocument) => void;
  readonly openWindow: (url: string) => void;
  readonly setTitleCount: (count: number) => void;
  readonly console: Pick<Console, 'info' | 'warn' | 'error'>;
}

export interface BrowserPlatformOptions {
  readonly version: string;
  readonly environment?: BrowserEnvironment;
}

export const SETTINGS_STORAGE_KEY = 'tindak.settings';

const MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  txt: 'text/plain;charset=utf-8',
} as const;

/** The real page: reads globals only when a feature is used, so it can be built anywhere. */
export function pageEnvironment(): BrowserEnvironment {
  return {
    storage: {
      getItem: (key) => window.localStorage.getItem(key),
      setItem: (key, value) => window.localStorage.setItem(key, value),
    },
    download: (fileName, blob) => {
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked later, not now: some browsers start the download after click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    print: (document) => printDocumentInPage(document, () => window.print()),
    openWindow: (url) => {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    setTitleCount: (count) => {
      const base = document.title.replace(/^\(\d+\) /, '');
      document.title = count > 0 ? `(${count}) ${base}` : base;
    },
    console,
  };
}

const browserVaultRefusal: VaultRefusal = {
  ok: false,
  code: 'vault_browser',
  message: VAULT_REFUSALS.vault_browser,
};

export function createBrowserPlatform({ version, environment }: BrowserPlatformOptions): BrowserPlatform {
  const env = (): BrowserEnvironment => environment ?? pageEnvironment();
  return {
    kind: 'browser',
    app: {
      getInfo: () => Promise.resolve({ version, platform: 'browser' }),
    },
    vault: {
      status: () =>
        Promise.resolve({
          isAvailable: false,
          backend: 'browser',
          code: 'vault_browser',
          message: VAULT_REFUSALS.vault_browser,
        }),
      put: () => Promise.resolve(browserVaultRefusal),
      get: () => Promise.resolve(browserVaultRefusal),
      delete: () => Promise.resolve({ ok: true }),
    },
    settings: {
      get: () => {
        const stored = env().storage.getItem(SETTINGS_STORAGE_KEY);
        if (stored === null) return Promise.resolve(DEFAULT_SETTINGS);
        try {
          const parsed = settingsSchema.safeParse(JSON.parse(stored));
          return Promise.resolve(parsed.success ? parsed.data : DEFAULT_SETTINGS);
        } catch {
          return Promise.resolve(DEFAULT_SETTINGS);
        }
      },
      set: (settings) => {
        try {
          const valid = settingsSchema.parse(settings);
          env().storage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(valid));
          return Promise.resolve(valid);
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    },
    files: {
      saveExport: (request) => {
        const parsed = exportRequestSchema.safeParse(request);
        if (!parsed.success)
          return Promise.reject(new Error('files.saveExport: the export request is not valid.'));
        const { suggestedName, format, content } = parsed.data;
        const fileName = suggestedName.toLowerCase().endsWith(`.${format}`)
          ? suggestedName
          : `${suggestedName}.${format}`;
        env().download(fileName, new Blob([content], { type: MIME_TYPES[format] }));
        return Promise.resolve({ outcome: 'handedToBrowser' });
      },
    },
    print: {
      // The browser prints the document on its own (choose "Save as PDF" in its dialog); the
      // letterhead PDF of the desktop app needs Electron's printToPDF.
      toPdf: (document) => {
        const parsed = printableDocumentSchema.safeParse(document);
        if (!parsed.success) {
          return Promise.reject(new Error('print.toPdf: the document is not valid.'));
        }
        env().print(parsed.data);
        return Promise.resolve({ outcome: 'handedToBrowser' });
      },
    },
    status: {
      setUnsentCount: (count, _language) => {
        env().setTitleCount(count);
        return Promise.resolve();
      },
      // A page may not show notifications without asking; the UI's own status line tells the
      // officer instead.
      notifySyncFinished: () => Promise.resolve(),
      notifyOverdue: () => Promise.resolve(),
    },
    shell: {
      openExternal: (candidate) => {
        const url = checkExternalUrl(candidate);
        if (url === null) return Promise.resolve({ opened: false, message: EXTERNAL_LINK_REFUSED });
        env().openWindow(url);
        return Promise.resolve({ opened: true });
      },
    },
    log: {
      write: ({ level, message, details }) => {
        env().console[level](`[tindak] ${message}`, ...(details === undefined ? [] : [maskForLog(details)]));
        return Promise.resolve();
      },
    },
  };
}
