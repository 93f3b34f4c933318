// The first screen in real Chromium, served from the real dist-web build: Bahasa Indonesia by
// default, English on request, labelled form fields, and no errors or CSP violations.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageProblems, launchBrowser } from '../helpers/browser';
import { serveStatic, type StaticServer } from '../helpers/static-server';

const distWeb = fileURLToPath(new URL('../../dist-web', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 10_000 });
}

async function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

describe('first screen (browser shell)', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(`${distWeb}/index.html`)) {
      throw new Error(
        'dist-web/index.html not found. Run `npm run build:web` first (`npm run test:e2e` does it for you).',
      );
    }
    // Served below a sub-path on purpose: the build's relative base must work from anywhere.
    server = await serveStatic(distWeb, { mountPath: '/tindak/' });
    browser = await launchBrowser();
    await mkdir(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('greets in Bahasa Indonesia and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = collectPageProblems(page);
    await page.goto(`${server.url}?server=${encodeURIComponent('http://127.0.0.1:8787/')}`);

    await expectVisible(page.getByRole('heading', { level: 1, name: 'Tindak' }));
    await expectVisible(page.getByText('Meja tindak lanjut pengaduan SP4N-LAPOR!'));
    await expectVisible(page.getByRole('heading', { name: 'Masuk ke meja kerja' }));
    await expectVisible(page.getByLabel('Nama pengguna'));
    await expectVisible(page.getByLabel('Kata sandi'));
    await expectVisible(page.getByRole('button', { name: 'Masuk', exact: true }));
    await expectVisible(page.getByText('Peramban'));
    await expectVisible(page.getByText('Server: http://127.0.0.1:8787/'));
    expect(await page.getByLabel('Kata sandi').getAttribute('type')).toBe('password');
    expect(await htmlLang(page)).toBe('id');
    await page.screenshot({ path: `${screenshotDir}/first-screen.png`, fullPage: true });

    await page.getByLabel('Nama pengguna').fill('petugas.dinsos');
    await page.getByLabel('Kata sandi').fill('rahasia');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expectVisible(page.getByRole('status').getByText('Fitur masuk belum tersedia'));

    await page.getByRole('button', { name: 'English' }).click();

    await expectVisible(page.getByText('Follow-up desk for SP4N-LAPOR! complaints'));
    await expectVisible(page.getByRole('heading', { name: 'Sign in to the desk' }));
    await expectVisible(page.getByLabel('Username'));
    await expectVisible(page.getByLabel('Password'));
    await expectVisible(page.getByRole('button', { name: 'Sign in', exact: true }));
    await expectVisible(page.getByRole('status').getByText('Signing in is not available'));
    await expectVisible(page.getByRole('button', { name: 'Bahasa Indonesia' }));
    expect(await htmlLang(page)).toBe('en');
    await page.screenshot({ path: `${screenshotDir}/first-screen-en.png`, fullPage: true });

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expectVisible(page.getByLabel('Nama pengguna'));
    expect(await htmlLang(page)).toBe('id');

    expect(problems).toEqual([]);
    await page.close();
  });
});
