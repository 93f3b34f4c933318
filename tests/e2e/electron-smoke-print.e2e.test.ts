// The print-to-PDF pipeline of the shell in real Chromium, which is what Electron's printToPDF
// runs: the letterhead HTML (src/main/print) goes through printHtmlToPdf with a Playwright page
// standing in for the hidden print window, with JavaScript off as in that window. Runs without
// the Electron runtime, so the PDF path is tested on every machine.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLetterheadHtml } from '../../src/main/print/letterhead-html';
import { printHtmlToPdf, type PrintWindowLike } from '../../src/main/print/print-to-pdf';
import type { PrintableDocument } from '../../src/preload/schemas';
import { collectPageProblems, launchBrowser } from '../helpers/browser';

const outputDir = fileURLToPath(new URL('../../test-results/print', import.meta.url));

const summary: PrintableDocument = {
  kind: 'caseSummary',
  language: 'id',
  letterhead: {
    organisation: 'Kementerian Sosial Republik Indonesia',
    unit: 'Biro Hubungan Masyarakat',
    address: 'Jl. Salemba Raya No. 28, Jakarta Pusat 10430',
  },
  title: 'Ringkasan Kasus',
  reference: 'LAPOR-2026/0042',
  fields: [
    { label: 'Saluran', value: 'SP4N-LAPOR!' },
    { label: 'Topik', value: 'PKH' },
    { label: 'Status', value: 'Ditindaklanjuti' },
    { label: 'Catatan', value: '<img src=x onerror="document.title=1"><script>document.title=2</script>' },
  ],
  sections: [
    {
      heading: 'Uraian pengaduan',
      body: 'Pelapor belum menerima bantuan PKH tahap ketiga.\n\nMohon ditindaklanjuti.',
    },
    { heading: 'Tindak lanjut', body: 'Petugas berkunjung pada 24 November 2026.' },
  ],
  printedAt: '25 November 2026 10.00 WIB',
};

describe('print to PDF in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
    // As the print window: no script at all.
    context = await browser.newContext({ javaScriptEnabled: false });
    await mkdir(outputDir, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('prints the letterhead document as an A4 PDF, data shown as text and never run', async () => {
    const problems: string[] = [];
    let pageText = '';
    let injected = { images: -1, scripts: -1, title: '' };
    const createWindow = (): PrintWindowLike => {
      const pagePromise = context.newPage();
      return {
        async loadURL(url) {
          const page = await pagePromise;
          problems.push(...collectPageProblems(page));
          await page.goto(url);
        },
        webContents: {
          async printToPDF({ pageSize, printBackground, preferCSSPageSize }) {
            const page = await pagePromise;
            pageText = await page.innerText('body');
            injected = await page.evaluate(() => ({
              images: document.images.length,
              scripts: document.scripts.length,
              title: document.title,
            }));
            await page.screenshot({ path: `${outputDir}/case-summary.png`, fullPage: true });
            return page.pdf({ format: pageSize, printBackground, preferCSSPageSize });
          },
        },
        destroy() {
          void pagePromise.then((page) => page.close());
        },
      };
    };

    const pdf = await printHtmlToPdf(createWindow, renderLetterheadHtml(summary));
    await writeFile(`${outputDir}/case-summary.pdf`, pdf);

    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.byteLength).toBeGreaterThan(5_000);
    expect(pageText).toContain('KEMENTERIAN SOSIAL REPUBLIK INDONESIA');
    expect(pageText).toContain('Nomor tiket: LAPOR-2026/0042');
    expect(pageText).toContain('<img src=x onerror="document.title=1">');
    expect(injected).toEqual({ images: 0, scripts: 0, title: 'Ringkasan Kasus LAPOR-2026/0042' });
    expect(problems).toEqual([]);
  });
});
