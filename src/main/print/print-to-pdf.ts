// Lays a document out in an invisible, script-less window (createPrintWindowOptions) and
// returns the PDF bytes. The page is a data: URL built from escaped HTML: nothing is written
// to disk before the officer picks where the PDF goes.

export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    printToPDF(options: {
      pageSize: 'A4';
      printBackground: boolean;
      preferCSSPageSize: boolean;
    }): Promise<Uint8Array>;
  };
  destroy(): void;
}

/** Chromium refuses data: URLs above 2 MiB; the schema's limits keep real documents far below. */
const MAX_DATA_URL_LENGTH = 2 * 1024 * 1024;

export async function printHtmlToPdf(createWindow: () => PrintWindowLike, html: string): Promise<Uint8Array> {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > MAX_DATA_URL_LENGTH) {
    throw new Error('The document is too large to print in one piece; shorten the report text.');
  }
  const window = createWindow();
  try {
    await window.loadURL(url);
    return await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
  } finally {
    window.destroy();
  }
}
