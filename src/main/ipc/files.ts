// IPC for the `files` and `print` features: exports and PDFs, both through the save dialog.
import { IPC_CHANNELS } from '../../preload/channels';
import { exportRequestSchema, printableDocumentSchema } from '../../preload/schemas';
import type { FileSaver } from '../files/save-file';
import { pdfFileName, renderLetterheadHtml } from '../print/letterhead-html';
import { handleFromApp, type IpcContext } from './handle';

export interface FilesIpcDeps {
  readonly saver: FileSaver;
  /** printHtmlToPdf with the print window factory bound. */
  readonly renderPdf: (html: string) => Promise<Uint8Array>;
}

export function registerFilesIpc(context: IpcContext, { saver, renderPdf }: FilesIpcDeps): void {
  handleFromApp(context, IPC_CHANNELS.files.saveExport, [exportRequestSchema], (request) =>
    saver.save(request.suggestedName, request.format, request.content),
  );
  handleFromApp(context, IPC_CHANNELS.print.toPdf, [printableDocumentSchema], async (document) => {
    // Rendered before the dialog, so a document that cannot print fails before the officer chooses.
    const pdf = await renderPdf(renderLetterheadHtml(document));
    return saver.save(pdfFileName(document), 'pdf', pdf);
  });
}
