// The real Electron shell: builds with electron-vite, starts the central server (PGlite), launches
// the app pointed at it with a profile of its own, and checks the hardened window, the bridge,
// then signs a field worker in and syncs one handling report to the server. Needs the Electron
// runtime binary, which installs skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) on some machines;
// there the suite is skipped, loudly, rather than failing or passing silently.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRON_INSTALL_HINT, findElectronRuntime } from '../../scripts/electron-runtime.mjs';
import { BRIDGE_METHODS } from '../../src/preload/api';
import { uuidv7 } from '../../src/shared';
import { caseIn } from '../helpers/org-fixture';
import { TEST_PASSWORD, startServer, usernameOf, type Session, type TestServer } from '../helpers/server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const runtime = findElectronRuntime();
const WAIT = { timeout: 20_000 };

if (!runtime.isInstalled) {
  console.warn(
    [
      '',
      '='.repeat(78),
      'SKIPPED: Electron smoke test. The Electron runtime is not installed:',
      `  ${runtime.reason}`,
      `  ${ELECTRON_INSTALL_HINT}`,
      'The browser-shell tests still ran; the Electron window itself was NOT tested:',
      'not the app:// protocol, the preload bridge, sign-in or sync inside Electron.',
      '='.repeat(78),
      '',
    ].join('\n'),
  );
}

describe.skipIf(!runtime.isInstalled)('Electron shell', () => {
  let app: ElectronApplication;
  let page: Page;
  let server: TestServer;
  let auditor: Session;
  let profileDir: string;

  beforeAll(async () => {
    if (!runtime.isInstalled) return;
    execFileSync('npx', ['--no', 'electron-vite', 'build'], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, TINDAK_BUILD_FLAVOUR: 'test' },
    });
    server = await startServer('pglite', { settings: { allowedOrigins: ['app://tindak'] } });
    auditor = await server.login('auditor');
    profileDir = await mkdtemp(join(tmpdir(), 'tindak-electron-'));
    const args = [repoRoot];
    // Chromium's own sandbox cannot start as root (containers, CI). Electron's renderer
    // sandbox (webPreferences.sandbox) stays on regardless.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    // No display server: let Chromium draw offscreen.
    if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
      args.push('--ozone-platform=headless');
    }
    app = await _electron.launch({
      executablePath: runtime.executablePath,
      args,
      cwd: repoRoot,
      env: { ...process.env, TINDAK_SERVER_URL: server.url, TINDAK_USER_DATA_DIR: profileDir },
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    await server?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('serves the first screen from app:// in Bahasa Indonesia', async () => {
    await page.getByLabel('Nama pengguna').waitFor(WAIT);
    expect(new URL(page.url()).origin).toBe('app://tindak');
    expect(await page.title()).toMatch(/Tindak/);
  });

  it('stays on its own origin and opens no windows', async () => {
    await page.evaluate(() => {
      // http, so the refused link does not start the system browser on the test machine.
      window.open('http://example.org/', '_blank');
      window.location.href = 'https://example.org/';
    });
    await page.waitForTimeout(500);
    expect(new URL(page.url()).origin).toBe('app://tindak');
    expect(app.windows()).toHaveLength(1);
  });

  it('reaches main only through window.tindak', async () => {
    const exposure = await page.evaluate(() => ({
      bridgeKeys: Object.keys(Reflect.get(window, 'tindak') ?? {}).sort(),
      hasRequire: 'require' in window,
      hasProcess: 'process' in window,
      hasIpcRenderer: 'ipcRenderer' in window,
    }));
    expect(exposure).toEqual({
      bridgeKeys: ['kind', ...Object.keys(BRIDGE_METHODS)].sort(),
      hasRequire: false,
      hasProcess: false,
      hasIpcRenderer: false,
    });
  });

  it('answers over IPC, and refuses what the schemas refuse', async () => {
    const answers = await page.evaluate(async () => {
      const bridge = Reflect.get(window, 'tindak') as {
        app: { getInfo(): Promise<unknown> };
        vault: { status(): Promise<unknown> };
        settings: { set(value: unknown): Promise<unknown> };
      };
      const refused = await bridge.settings.set({ serverUrl: 'http://evil.example' }).then(
        () => 'accepted',
        (error: unknown) => String(error),
      );
      return { info: await bridge.app.getInfo(), vault: await bridge.vault.status(), refused };
    });
    expect(answers.info).toMatchObject({ version: expect.any(String), platform: process.platform });
    expect(answers.vault).toMatchObject({ isAvailable: expect.any(Boolean) });
    expect(answers.refused).toMatch(/settings:set refused/);
  });

  it('signs a field worker in and syncs one handling report to the server', async () => {
    const id = uuidv7();
    const [record] = await server.insertCases([
      caseIn('in_follow_up', { id, ticketId: `LAPOR-${id.slice(-8).toUpperCase()}` }),
    ]);
    if (!record) throw new Error('the case was not seeded');

    await page.getByLabel('Nama pengguna').fill(usernameOf('fieldA1'));
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByTestId('officer').waitFor(WAIT);

    await page.getByLabel('Cari tiket, judul, NIK atau telepon').fill(record.ticketId);
    await page
      .getByRole('button', { name: new RegExp(record.ticketId) })
      .first()
      .click(WAIT);
    await page
      .getByTestId('case-actions')
      .getByRole('button', { name: 'Tulis laporan penanganan' })
      .click(WAIT);
    const form = page.getByRole('form', { name: 'Ubah laporan' });
    await form.getByLabel('Tanggal kunjungan').fill('2026-11-24');
    await form.getByLabel('Metode').selectOption('home_visit');
    await form
      .getByLabel('Temuan', { exact: true })
      .fill('Keluarga terdaftar di DTKS, rekening KKS belum aktif.');
    await form.getByLabel('Tindakan yang dilakukan').fill('Mendampingi aktivasi rekening di bank penyalur.');
    await form.getByLabel('PKH', { exact: true }).selectOption('active');
    await form.getByLabel('Hasil').selectOption('resolved');
    await form.getByRole('button', { name: 'Kirim laporan' }).click();
    await page.getByRole('button', { name: 'Sinkronkan' }).click(WAIT);

    await expect
      .poll(
        async () => {
          const answer = await auditor.call<{ events: { action: string }[] }>(
            'GET',
            `/audit/cases/${record.id}`,
          );
          return answer.body.events.map((event) => event.action);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('report_submit');
  });
});
