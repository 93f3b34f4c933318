// Printing to PDF (letterhead HTML, hidden script-less window, faked) and saving through the
// save dialog (faked), writing real files to a temporary folder.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileSaver, type ShowSaveDialog } from '../../../src/main/files/save-file';
import { escapeHtml, pdfFileName, renderLetterheadHtml } from '../../../src/main/print/letterhead-html';
import { printHtmlToPdf, type PrintWindowLike } from '../../../src/main/print/print-to-pdf';
import type { PrintableDocument } from '../../../src/preload/schemas';

const report: PrintableDocument = {
  kind: 'handlingReport',
  language: 'id',
  letterhead: {
    organisation: 'Kementerian Sosial Republik Indonesia',
    unit: 'Direktorat Jaminan Sosial',
    address: 'Jl. Salemba Raya No. 28, Jakarta Pusat',
  },
  title: 'Laporan Penanganan',
  reference: 'LAP-2026/0042',
  fields: [
    { label: 'Status', value: 'Selesai' },
    { label: 'Catatan', value: '"><img src=x onerror=alert(1)>' },
  ],
  sections: [
    {
      heading: 'Hasil kunjungan',
      body: 'Keluarga sudah terdaftar.\nBantuan cair.\n\nTidak ada tindak lanjut.',
    },
  ],
  printedAt: '25 November 2026 10.00 WIB',
};

describe('letterhead HTML', () => {
  const html = renderLetterheadHtml(report);

  it('puts the letterhead, title, ticket and content on the page', () => {
    expect(html).toContain('Kementerian Sosial Republik Indonesia');
    expect(html).toContain('Direktorat Jaminan Sosial');
    expect(html).toContain('<h1>Laporan Penanganan</h1>');
    expect(html).toContain('Nomor tiket: <strong>LAP-2026/0042</strong>');
    expect(html).toContain('<p>Keluarga sudah terdaftar.<br>Bantuan cair.</p>');
    expect(html).toContain('<p>Tidak ada tindak lanjut.</p>');
    expect(html).toContain('Dicetak: 25 November 2026 10.00 WIB');
  });

  it('escapes every value, so data never becomes markup', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('forbids scripts and remote loads inside the page itself', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('speaks English when asked and names the file after the ticket', () => {
    expect(renderLetterheadHtml({ ...report, language: 'en' })).toContain('Ticket number');
    expect(pdfFileName(report)).toBe('laporan-penanganan-LAP-2026-0042.pdf');
    expect(pdfFileName({ ...report, kind: 'caseSummary', language: 'en' })).toBe(
      'case-summary-LAP-2026-0042.pdf',
    );
  });
});

describe('printHtmlToPdf', () => {
  function fakeWindow(pdf = new Uint8Array([37, 80, 68, 70])) {
    const window = {
      loadURL: vi.fn((_url: string) => Promise.resolve()),
      webContents: { printToPDF: vi.fn(() => Promise.resolve(pdf)) },
      destroy: vi.fn(),
    } satisfies PrintWindowLike;
    return window;
  }

  it('loads the HTML as a data URL, prints A4 and always closes the window', async () => {
    const window = fakeWindow();
    await expect(printHtmlToPdf(() => window, '<p>halo</p>')).resolves.toEqual(
      new Uint8Array([37, 80, 68, 70]),
    );
    const [url] = window.loadURL.mock.calls[0] ?? [];
    expect(url?.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url?.split(',')[1] ?? '', 'base64').toString('utf8')).toBe('<p>halo</p>');
    expect(window.webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4' }));
    expect(window.destroy).toHaveBeenCalled();
  });

  it('closes the window when printing fails too', async () => {
    const window = fakeWindow();
    window.webContents.printToPDF.mockRejectedValueOnce(new Error('printing failed'));
    await expect(printHtmlToPdf(() => window, '<p>x</p>')).rejects.toThrow('printing failed');
    expect(window.destroy).toHaveBeenCalled();
  });

  it('refuses a document too large for one page load, before opening a window', async () => {
    const create = vi.fn(() => fakeWindow());
    await expect(printHtmlToPdf(create, 'x'.repeat(2 * 1024 * 1024))).rejects.toThrow(/too large/);
    expect(create).not.toHaveBeenCalled();
  });
});

describe('file saver', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tindak-save-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes where the officer chose and reports the file name only', async () => {
    const target = join(dir, 'ekspor.csv');
    const showSaveDialog = vi.fn<ShowSaveDialog>(() =>
      Promise.resolve({ canceled: false, filePath: target }),
    );
    const saver = createFileSaver({ showSaveDialog, writeFile, defaultDir: '/home/petugas/Documents' });
    await expect(saver.save('kasus-2026', 'csv', 'tiket,status\n')).resolves.toEqual({
      outcome: 'saved',
      fileName: 'ekspor.csv',
    });
    expect(await readFile(target, 'utf8')).toBe('tiket,status\n');
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultPath: '/home/petugas/Documents/kasus-2026.csv',
        filters: [{ name: 'CSV (Excel)', extensions: ['csv'] }],
      }),
    );
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const write = vi.fn(() => Promise.resolve());
    const saver = createFileSaver({
      showSaveDialog: () => Promise.resolve({ canceled: true }),
      writeFile: write,
      defaultDir: dir,
    });
    await expect(saver.save('laporan.pdf', 'pdf', new Uint8Array([1]))).resolves.toEqual({
      outcome: 'cancelled',
    });
    expect(write).not.toHaveBeenCalled();
  });
});
