// The first screen in real Chromium, served from the real dist-web build: Bahasa Indonesia by
// default, English on request, labelled form fields, and no errors or CSP violations. The
// server address points at a closed port: a first sign-in on a workstation needs the server,
// and says so plainly when it cannot be reached.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
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

/** A loopback port nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
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
    const serverUrl = `http://127.0.0.1:${await closedPort()}/`;
    await page.goto(`${server.url}?server=${encodeURIComponent(serverUrl)}`);

    await expectVisible(page.getByRole('heading', { level: 1, name: 'Tindak' }));
    await expectVisible(page.getByText('Meja tindak lanjut pengaduan SP4N-LAPOR!'));
    await expectVisible(page.getByRole('heading', { name: 'Masuk ke meja kerja' }));
    await expectVisible(page.getByLabel('Nama pengguna'));
    await expectVisible(page.getByLabel('Kata sandi'));
    await expectVisible(page.getByRole('button', { name: 'Masuk', exact: true }));
    await expectVisible(page.getByText('Peramban'));
    await expectVisible(page.getByText(`Server: ${serverUrl}`));
    expect(await page.getByLabel('Kata sandi').getAttribute('type')).toBe('password');
    expect(await htmlLang(page)).toBe('id');
    await page.screenshot({ path: `${screenshotDir}/first-screen.png`, fullPage: true });

    await page.getByLabel('Nama pengguna').fill('petugas.dinsos');
    await page.getByLabel('Kata sandi').fill('rahasia');
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expectVisible(page.getByRole('status').getByText('Masuk pertama kali di perangkat ini harus tersambung ke server'));

    await page.getByRole('button', { name: 'English' }).click();

    await expectVisible(page.getByText('Follow-up desk for SP4N-LAPOR! complaints'));
    await expectVisible(page.getByRole('heading', { name: 'Sign in to the desk' }));
    await expectVisible(page.getByLabel('Username'));
    await expectVisible(page.getByLabel('Password'));
    await expectVisible(page.getByRole('button', { name: 'Sign in', exact: true }));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectVisible(page.getByRole('status').getByText('The first sign-in on this workstation needs the server'));
    await expectVisible(page.getByRole('button', { name: 'Bahasa Indonesia' }));
    expect(await htmlLang(page)).toBe('en');
    await page.screenshot({ path: `${screenshotDir}/first-screen-en.png`, fullPage: true });

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expectVisible(page.getByLabel('Nama pengguna'));
    expect(await htmlLang(page)).toBe('id');

    // The refused sign-in's request to the closed port is the only failure allowed.
    const unexpected = problems.filter(
      (problem) => !(problem.includes(serverUrl.slice(0, -1)) && problem.includes('/auth/login')) && !/console\.error: Failed to load resource: net::ERR_CONNECTION_REFUSED/.test(problem),
    );
    expect(unexpected, problems.join('\n')).toEqual([]);
    await page.close();
  });
});
