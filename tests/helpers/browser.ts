/**
 * Real Chromium for the browser tests (playwright-core, no bundled browser download): the
 * system Chromium, or TINDAK_CHROMIUM_PATH. The flags keep it quiet and offline-friendly in
 * containers: no sandbox (tests may run as root), no GPU, no background traffic to Google.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
] as const;

export function chromiumPath(): string {
  return process.env['TINDAK_CHROMIUM_PATH'] ?? '/usr/bin/chromium';
}

function existingChromium(): string {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (e.g. apt-get install chromium) or set TINDAK_CHROMIUM_PATH.`,
    );
  }
  return executablePath;
}

/** Contexts of this browser are off the record: their IndexedDB lives in memory. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: existingChromium(), args: [...CHROMIUM_ARGS] });
}

/**
 * A browser profile on disk, as the desktop app has: IndexedDB in files, so a strict
 * transaction waits for the disk. For benchmarks of the store; tests use launchBrowser.
 */
export async function launchProfileOnDisk(
  userDataDir: string,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { ...options, executablePath: existingChromium(), args: [...CHROMIUM_ARGS] });
}

/**
 * Records what the page reports as going wrong: uncaught exceptions, console errors (which
 * include Content-Security-Policy violations) and failed requests, with their URLs since the
 * console message alone does not say which resource failed. Tests assert the list stays empty.
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return problems;
}
