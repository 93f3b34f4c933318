// Saving exports and PDFs: the officer always picks the place in the system save dialog, so the
// renderer never names a path on disk; it suggests a bare file name, checked by the schema.
import { basename, join } from 'node:path';
import type { ExportFormat, SaveResult } from '../../preload/schemas';

export interface SaveDialogOptions {
  readonly title: string;
  readonly defaultPath: string;
  readonly filters: { name: string; extensions: string[] }[];
}

/** dialog.showSaveDialog, bound to the main window. */
export type ShowSaveDialog = (
  options: SaveDialogOptions,
) => Promise<{ canceled: boolean; filePath?: string }>;

export interface FileSaverDeps {
  readonly showSaveDialog: ShowSaveDialog;
  readonly writeFile: (path: string, data: string | Uint8Array) => Promise<void>;
  /** The folder the dialog opens in, e.g. app.getPath('documents'). */
  readonly defaultDir: string;
}

export type SaveKind = ExportFormat | 'pdf';

const FILTERS: Readonly<Record<SaveKind, { name: string; extensions: string[] }>> = {
  csv: { name: 'CSV (Excel)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  txt: { name: 'Teks / Text', extensions: ['txt'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
};

export interface FileSaver {
  save(suggestedName: string, kind: SaveKind, data: string | Uint8Array): Promise<SaveResult>;
}

export function createFileSaver({ showSaveDialog, writeFile, defaultDir }: FileSaverDeps): FileSaver {
  return {
    async save(suggestedName, kind, data) {
      const extension = `.${kind}`;
      // basename() again: the schema already refused separators; this keeps the guarantee local.
      const name = basename(suggestedName);
      const choice = await showSaveDialog({
        title: 'Simpan berkas / Save file',
        defaultPath: join(defaultDir, name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`),
        filters: [FILTERS[kind]],
      });
      if (choice.canceled || !choice.filePath) return { outcome: 'cancelled' };
      await writeFile(choice.filePath, data);
      return { outcome: 'saved', fileName: basename(choice.filePath) };
    },
  };
}
