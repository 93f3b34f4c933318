/**
 * The case desk in real Chromium (the real dist-web build, real IndexedDB and WebCrypto)
 * against the real central server on PGlite over loopback. Each officer works in a browser
 * context of their own, as on their own workstation: the whole SOP flow (the field worker's
 * report written offline, with a photo), return for revision, a conflict resolved in the inbox,
 * a rejected change, a walk-in complaint found by NIK, the queue's order and keyboard, English,
 * auto-lock, offline sign-in and two officers on one workstation. axe checks every screen
 * tested; screenshots of each land in test-results/case-desk/ (and of every window when a test
 * fails).
 *
 *   const admin = await desk('admin');
 *   await admin.openCase(ticket);
 *   await admin.act('Verifikasi dan kategorikan', async (form) => form.getByLabel('Topik').selectOption('pkh'));
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type CaseRecord, type CaseStatus } from '../../src/shared';
import { collectPageProblems, launchBrowser } from '../helpers/browser';
import { PEOPLE, UNITS, caseIn, type PersonKey } from '../helpers/org-fixture';
import { TEST_PASSWORD, startServer, usernameOf, type Session, type TestServer } from '../helpers/server';
import { serveStatic, type StaticServer } from '../helpers/static-server';

const distWeb = fileURLToPath(new URL('../../dist-web', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../test-results/case-desk', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const WAIT = { timeout: 20_000 };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays strict). */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the case desk in Chromium against the real server', () => {
  let pages: StaticServer;
  let server: TestServer;
  let browser: Browser;
  let appUrl: string;
  let auditor: Session;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(`${distWeb}/index.html`)) {
      throw new Error(
        'dist-web/index.html not found. Run `npm run build:web` first (`npm run test:e2e` does it for you).',
      );
    }
    await mkdir(screenshotDir, { recursive: true });
    pages = await serveStatic(distWeb);
    server = await startServer('pglite', { settings: { allowedOrigins: [new URL(pages.url).origin] } });
    appUrl = `${pages.url}?server=${encodeURIComponent(server.url)}`;
    browser = await launchBrowser();
    auditor = await server.login('auditor');
  });

  // A failed test leaves a screenshot of every window it opened, and what they said in alerts.
  afterEach(async (context) => {
    const failed = context.task.result?.state === 'fail';
    let n = 0;
    for (const browserContext of contexts.splice(0)) {
      for (const page of browserContext.pages()) {
        if (!failed) continue;
        n += 1;
        await page
          .screenshot({
            path: `${screenshotDir}/failed-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}-${n}.png`,
            fullPage: true,
          })
          .catch(() => undefined);
        const alerts = await page
          .getByRole('alert')
          .allTextContents()
          .catch(() => []);
        console.error(
          `window ${n}: alerts ${JSON.stringify(alerts)}; sync ${await page
            .getByTestId('sync-status')
            .textContent()
            .catch(() => '?')}`,
        );
      }
      await browserContext.close().catch(() => undefined);
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await pages?.close();
  });

  /** A workstation: one browser context (its own IndexedDB and localStorage). */
  async function workstation(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(appUrl);
    return { context, page, problems };
  }

  async function signIn(page: Page, who: PersonKey, password = TEST_PASSWORD): Promise<void> {
    await page.getByLabel('Nama pengguna').fill(usernameOf(who));
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  }

  /** The desk DSL for one signed-in officer. */
  function deskOf(page: Page, problems: string[], context: BrowserContext) {
    const api = {
      page,
      context,
      problems,
      async ready() {
        try {
          await page.getByTestId('officer').waitFor(WAIT);
        } catch (error) {
          const said = await page
            .locator('.sign-in__status')
            .textContent()
            .catch(() => null);
          throw new Error(
            `not signed in; the form said: ${said ?? '(nothing)'}; page problems: ${problems.join(' | ')}`,
            { cause: error },
          );
        }
        return api;
      },
      async openCase(ticket: string) {
        await page.getByLabel('Cari tiket, judul, NIK atau telepon').fill(ticket);
        await page
          .getByRole('button', { name: new RegExp(ticket) })
          .first()
          .click(WAIT);
        await page.getByText(`Tiket ${ticket}`).waitFor(WAIT);
        return api;
      },
      caseStatus: () => page.getByTestId('case-status'),
      /** Picks a case action (a button the transition table offered), fills its form, saves. */
      async act(name: string, fill: (form: Locator) => Promise<unknown> = async () => undefined) {
        await page.getByTestId('case-actions').getByRole('button', { name, exact: true }).click(WAIT);
        const form = page.getByRole('form', { name });
        await fill(form);
        await form.getByRole('button', { name: 'Simpan' }).click();
        await page.getByText('Tersimpan di perangkat').waitFor(WAIT);
        return api;
      },
      actions: () => page.getByTestId('case-actions').getByRole('button').allTextContents(),
      /** Writes and submits a follow-up report on the open case; it is then listed as sent. */
      async submitReport(report: { visitedOn: string; method: string; findings: string; actions: string; outcome: string }) {
        await page.getByTestId('case-actions').getByRole('button', { name: 'Tulis laporan penanganan' }).click();
        const form = page.getByRole('form', { name: 'Ubah laporan' });
        await form.getByLabel('Tanggal kunjungan').fill(report.visitedOn);
        await form.getByLabel('Metode').selectOption(report.method);
        await form.getByLabel('Temuan', { exact: true }).fill(report.findings);
        await form.getByLabel('Tindakan yang dilakukan').fill(report.actions);
        await form.getByLabel('Hasil').selectOption(report.outcome);
        await form.getByRole('button', { name: 'Kirim laporan' }).click();
        await api.report().getByTestId('report-status').getByText('Dikirim').waitFor(WAIT);
        return api;
      },
      /** Headless Chromium must not open a print dialog: window.print only counts its calls. */
      async stubPrint() {
        await page.evaluate(() => {
          const stubbed = window as unknown as { print(): void; printCalls: number; printed: string[] };
          stubbed.printCalls = 0;
          stubbed.printed = [];
          stubbed.print = () => {
            stubbed.printCalls += 1;
            // What would reach the paper: the sheet shown alone while the dialog is open.
            const sheet = document.querySelector('body.is-printing-sheet > .print-sheet');
            stubbed.printed.push(sheet?.textContent ?? '(the page as shown)');
          };
        });
        return api;
      },
      printed: () => page.evaluate(() => (window as unknown as { printed: string[] }).printed),
      printCalls: () => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls),
      report: (n = 1) => page.getByTestId('report-card').nth(n - 1),
      async syncNow() {
        await page.getByRole('button', { name: 'Sinkronkan' }).click(WAIT);
        return api;
      },
      async shot(name: string) {
        await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
      },
      async expectAccessible() {
        expect(await seriousAxeViolations(page)).toEqual([]);
      },
      /** Uncaught errors and CSP violations; failed requests while offline are expected. */
      pageErrors: () =>
        problems.filter((p) => p.startsWith('pageerror') || /Content Security Policy/i.test(p)),
    };
    return api;
  }

  async function desk(who: PersonKey) {
    const { context, page, problems } = await workstation();
    await signIn(page, who);
    return deskOf(page, problems, context).ready();
  }

  async function auditActions(caseId: string, reader: Session = auditor): Promise<string[]> {
    const answer = await reader.call<{ events: { action: string }[] }>('GET', `/audit/cases/${caseId}`);
    expect(answer.status).toBe(200);
    return answer.body.events.map((e) => e.action);
  }

  async function untilAudited(caseId: string, action: string, reader: Session = auditor): Promise<void> {
    await expect.poll(() => auditActions(caseId, reader), { timeout: 20_000, interval: 250 }).toContain(action);
  }

  async function newCase(status: CaseStatus, overrides: Partial<CaseRecord> = {}): Promise<CaseRecord> {
    const id = uuidv7();
    const [record] = await server.insertCases([
      caseIn(status, { id, ticketId: `LAPOR-${id.slice(-8).toUpperCase()}`, ...overrides }),
    ]);
    return record!;
  }

  it('runs the whole SOP across roles, with the field worker’s report written offline, and the audit trail shows every step', async () => {
    const record = await newCase('received', { title: 'Bantuan PKH tahap tiga belum diterima' });
    const ticket = record.ticketId;

    // Admin: verify and categorise, then distribute to the work unit with a copy to its UPT.
    const admin = await desk('admin');
    await admin.shot('01-queue-admin');
    await admin.openCase(ticket);
    expect(await admin.actions()).toEqual(['Verifikasi dan kategorikan', 'Arsipkan (di luar kewenangan)']);
    await admin.expectAccessible();
    await admin.act('Verifikasi dan kategorikan', (form) => form.getByLabel('Topik').selectOption('pkh'));
    await admin.caseStatus().getByText('Terverifikasi').waitFor(WAIT);
    await admin.act('Distribusikan ke unit kerja', async (form) => {
      await form.getByLabel('Unit kerja tujuan').selectOption({ label: 'Ditjen Linjamsos' });
      await form.getByLabel('Sentra Wirajaya Makassar', { exact: true }).check();
    });
    await admin.shot('02-case-admin-distributed');
    await admin.syncNow();
    await untilAudited(record.id, 'distribute');
    expect((await server.caseOnServer(record.id))?.status).toBe('distributed');

    // Liaison officer: accept, then assign the UPT and the field worker.
    const liaison = await desk('liaisonA');
    await liaison.openCase(ticket);
    await liaison.act('Terima untuk ditindaklanjuti');
    await liaison.act('Tugaskan UPT dan petugas', async (form) => {
      await form.getByLabel('Sentra Wirajaya Makassar', { exact: true }).check();
      await form.getByLabel(/fieldA1 \(/).check();
    });
    await liaison.syncNow();
    await untilAudited(record.id, 'assign');
    expect((await server.caseOnServer(record.id))?.assigneeIds).toEqual([PEOPLE.fieldA1.id]);

    // Field worker: signs in online once, then works offline.
    const field = await desk('fieldA1');
    await field.openCase(ticket);
    await field.context.setOffline(true);
    await field.page.getByTestId('connectivity').getByText('Tanpa sambungan').waitFor(WAIT);
    await field.page
      .getByTestId('case-actions')
      .getByRole('button', { name: 'Tulis laporan penanganan' })
      .click();
    const form = field.page.getByRole('form', { name: 'Ubah laporan' });
    await form.waitFor(WAIT);
    // Submitting an empty report names what is missing, in Bahasa Indonesia.
    await form.getByRole('button', { name: 'Kirim laporan' }).click();
    await form.getByText('Temuan wajib diisi sebelum laporan dikirim.').waitFor(WAIT);
    await field.expectAccessible();
    await form.getByLabel('Tanggal kunjungan').fill('2026-11-24');
    await form.getByLabel('Metode').selectOption('home_visit');
    await form
      .getByLabel('Temuan', { exact: true })
      .fill('Keluarga terdaftar di DTKS, rekening KKS belum aktif.');
    await form.getByLabel('Tindakan yang dilakukan').fill('Mendampingi aktivasi rekening di bank penyalur.');
    await form.getByLabel('PKH', { exact: true }).selectOption('active');
    await form.getByLabel('Hasil').selectOption('resolved');
    // A photo taller than 1,600 px: downscaled to a JPEG before it is saved.
    const photo = await field.page.screenshot({ fullPage: true });
    await form
      .getByLabel('Lampirkan foto atau pindaian')
      .setInputFiles({ name: 'kunjungan.png', mimeType: 'image/png', buffer: photo });
    await form.getByText('Lampiran kunjungan.jpg tersimpan.').waitFor(WAIT);
    await field.page.getByRole('img', { name: 'Pratinjau kunjungan.jpg' }).waitFor(WAIT);
    await field.shot('03-report-form-offline');
    await form.getByRole('button', { name: 'Kirim laporan' }).click();
    await field.report().getByTestId('report-status').getByText('Dikirim').waitFor(WAIT);
    await field.page
      .getByRole('button', { name: new RegExp(ticket) })
      .getByTestId('unsent-mark')
      .waitFor(WAIT);
    await expect
      .poll(() => field.page.getByTestId('pending-count').textContent(), WAIT)
      .toMatch(/\d+ perubahan belum terkirim/);
    // The platform's unsent badge (the window title in a browser) counts the waiting changes.
    await expect.poll(() => field.page.title(), WAIT).toMatch(/^\(\d+\) /);
    await field.shot('04-report-submitted-offline');
    expect(await auditActions(record.id)).not.toContain('report_create');

    // Back online: the engine sends everything, text first, then the photo.
    await field.context.setOffline(false);
    await untilAudited(record.id, 'report_submit');
    await field.page.getByTestId('pending-count').getByText('Semua perubahan terkirim').waitFor(WAIT);
    await expect
      .poll(
        async () =>
          (
            await server.db.query<{ uploaded: boolean; type: string }>(
              `select (data->>'isUploaded')::boolean as uploaded, data->>'mimeType' as type from attachments where case_id = $1`,
              [record.id],
            )
          ).rows,
        { timeout: 20_000 },
      )
      .toEqual([{ uploaded: true, type: 'image/jpeg' }]);
    await field.page
      .getByRole('button', { name: new RegExp(ticket) })
      .getByTestId('unsent-mark')
      .waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => field.page.title(), WAIT).toBe('Tindak');

    // Liaison officer: corrects one field with a reason (tracked), then approves.
    await liaison.syncNow();
    await liaison.report().getByTestId('report-status').getByText('Dikirim').waitFor(WAIT);
    await liaison.report().getByRole('button', { name: 'Koreksi kolom' }).click();
    const correction = liaison.page.getByRole('form', { name: 'Koreksi kolom' });
    await correction.getByLabel('Kolom').selectOption('findings');
    await correction
      .getByLabel('Nilai koreksi')
      .fill('Keluarga terdaftar di DTKS dan aktif PKH; rekening KKS belum diaktivasi.');
    await correction.getByLabel('Alasan koreksi').fill('Status PKH dari pemeriksaan kepesertaan');
    await correction.getByRole('button', { name: 'Simpan' }).click();
    const tracked = liaison.report().getByRole('region', { name: 'Koreksi (perubahan terlacak)' });
    await tracked
      .locator('del')
      .getByText('Keluarga terdaftar di DTKS, rekening KKS belum aktif.')
      .waitFor(WAIT);
    await tracked
      .locator('ins')
      .getByText(/aktif PKH/)
      .waitFor(WAIT);
    await liaison.expectAccessible();
    await liaison.shot('05-report-corrected');
    await liaison.report().getByRole('button', { name: 'Setujui' }).click();
    await liaison.report().getByTestId('report-status').getByText('Disetujui').waitFor(WAIT);
    await liaison.syncNow();
    await untilAudited(record.id, 'report_approve');

    // Unit head: closes the approved report.
    const head = await desk('headA');
    await head.openCase(ticket);
    await head.report().getByRole('button', { name: 'Tutup laporan' }).click();
    await head.report().getByTestId('report-status').getByText('Ditutup').waitFor(WAIT);
    await head.syncNow();
    await untilAudited(record.id, 'report_close');

    // Liaison officer: declares the case finished with the LAPOR! reference, records the rating.
    await liaison.syncNow();
    await liaison.report().getByTestId('report-status').getByText('Ditutup').waitFor(WAIT);
    await liaison.act('Nyatakan selesai', async (finish) => {
      await finish.getByLabel('Catatan penyelesaian').fill('Rekening KKS telah aktif dan bantuan cair.');
      await finish.getByLabel('Referensi laporan status di kanal sumber').fill('TL-LAPOR-2026-0042');
    });
    await liaison.page.getByTestId('channel-reference').getByText('TL-LAPOR-2026-0042').waitFor(WAIT);
    await liaison.act('Catat penilaian pelapor', (rate) => rate.getByLabel('Nilai (1–5)').selectOption('5'));
    await liaison.page.getByTestId('case-rating').getByText('5').waitFor(WAIT);
    await liaison.syncNow();
    await untilAudited(record.id, 'rate');
    await liaison.shot('06-case-rated');
    // Back at the list, the unit's performance counts the case as resolved.
    await liaison.page.getByRole('button', { name: 'Kembali ke daftar' }).click();
    await liaison.page.getByRole('button', { name: 'Tampilkan kinerja unit' }).click();
    await liaison.page.getByTestId('resolved-percent').getByText('1 (100%)').waitFor(WAIT);
    await liaison.expectAccessible();
    await liaison.shot('06b-unit-performance');

    const onServer = await server.caseOnServer(record.id);
    expect(onServer).toMatchObject({ status: 'rated', rating: 5, channelReference: 'TL-LAPOR-2026-0042' });
    const trail = await auditActions(record.id);
    for (const step of [
      'verify',
      'distribute',
      'accept',
      'assign',
      'report_create',
      'report_submit',
      'report_correct',
      'report_approve',
      'report_close',
      'finish',
      'rate',
    ]) {
      expect(trail).toContain(step);
    }
    // In order: each step after the one before it.
    const order = [
      'verify',
      'distribute',
      'accept',
      'assign',
      'report_submit',
      'report_correct',
      'report_approve',
      'report_close',
      'finish',
      'rate',
    ].map((s) => trail.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));

    // The auditor reads everything, the trail included, and is offered no step at all.
    const reader = await desk('auditor');
    await reader.openCase(ticket);
    await reader.page
      .getByText('Tidak ada langkah yang dapat Anda lakukan pada kasus ini sekarang.')
      .waitFor(WAIT);
    const timeline = reader.page.getByRole('region', { name: 'Riwayat' });
    for (const step of [
      'Diverifikasi',
      'Didistribusikan',
      'Ditugaskan',
      'Laporan dikirim',
      'Laporan dikoreksi',
      'Laporan ditutup',
      'Dinyatakan selesai',
      'Dinilai pelapor',
    ]) {
      await timeline.getByText(step, { exact: true }).waitFor(WAIT);
    }
    // The auditor sees the reporter's name only; identity numbers are hidden from them.
    expect(await reader.page.getByTestId('reporter-nik').textContent()).toBe('Disembunyikan');
    expect(await reader.page.getByTestId('reporter-name').textContent()).toBe('Siti Aminah');
    await reader.expectAccessible();
    await reader.shot('07-auditor-trail');

    for (const officer of [admin, liaison, field, head, reader]) expect(officer.pageErrors()).toEqual([]);
  });

  it('lets the UPT staff assign a field worker of their own unit, and the field worker then sees the case', async () => {
    // Distributed to the work unit with a copy to the UPT; nobody assigned yet.
    const record = await newCase('in_follow_up', { title: 'Pendampingan lansia terlantar', assigneeIds: [] });
    const ticket = record.ticketId;

    const upt = await desk('uptA1');
    await upt.openCase(ticket);
    expect(await upt.actions()).toContain('Tugaskan UPT dan petugas');
    await upt.act('Tugaskan UPT dan petugas', async (form) => {
      await form.getByLabel(/fieldA1 \(/).check();
    });
    await upt.expectAccessible();
    await upt.shot('08-case-upt-assigned');
    await upt.syncNow();
    await untilAudited(record.id, 'assign');
    expect((await server.caseOnServer(record.id))?.assigneeIds).toEqual([PEOPLE.fieldA1.id]);

    const field = await desk('fieldA1');
    await field.openCase(ticket);
    expect(await field.actions()).toContain('Tulis laporan penanganan');
    expect(upt.pageErrors()).toEqual([]);
    expect(field.pageErrors()).toEqual([]);
  });

  it('returns a report for revision and takes the resubmission', async () => {
    const record = await newCase('in_follow_up', {
      title: 'BPNT tidak dapat dicairkan',
      isConfidential: true,
    });
    const ticket = record.ticketId;
    const field = await desk('fieldA1');
    await field.openCase(ticket);
    // A confidential reporter: the field worker sees no identity at all.
    await field.page
      .getByText('Pelapor rahasia: identitas hanya untuk admin dan pejabat penghubung.')
      .waitFor(WAIT);
    for (const part of ['name', 'nik', 'phone', 'address'])
      expect(await field.page.getByTestId(`reporter-${part}`).textContent()).toBe('Disembunyikan');
    // In the browser shell, printing hands the page to the browser's print dialog.
    await field.stubPrint();
    await field.page.getByRole('button', { name: 'Cetak ringkasan kasus' }).click();
    await field.page.getByText('Diserahkan ke peramban').waitFor(WAIT);
    expect(await field.printCalls()).toBe(1);
    await field.submitReport({
      visitedOn: '2026-11-23',
      method: 'phone',
      findings: 'Kartu belum dibagikan.',
      actions: 'Menghubungi pendamping.',
      outcome: 'partly_resolved',
    });
    await field.syncNow();
    await untilAudited(record.id, 'report_submit');

    const liaison = await desk('liaisonA');
    await liaison.openCase(ticket);
    // The liaison officer needs the identity: the name in full, numbers masked until asked for.
    expect(await liaison.page.getByTestId('reporter-name').textContent()).toBe('Siti Aminah');
    expect(await liaison.page.getByTestId('reporter-nik').textContent()).toBe('3174**********01');
    await liaison.page.getByRole('button', { name: 'Tampilkan nomor' }).click();
    expect(await liaison.page.getByTestId('reporter-nik').textContent()).toBe('3174015208900001');
    await liaison.stubPrint();
    await liaison.report().getByRole('button', { name: 'Cetak laporan' }).click();
    await expect.poll(() => liaison.printCalls(), WAIT).toBe(1);
    // The paper gets the report alone, not the page with the numbers just shown.
    const [printedReport] = await liaison.printed();
    expect(printedReport).toContain('Kartu belum dibagikan.');
    expect(printedReport).not.toContain('3174015208900001');
    expect(await liaison.page.locator('.print-sheet').count()).toBe(0);
    // The queue, narrowed by the search to this case, exports as a CSV download without personal data.
    const [download] = await Promise.all([
      liaison.page.waitForEvent('download', WAIT),
      liaison.page.getByRole('button', { name: 'Ekspor CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tindak-daftar-kasus-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('Tiket,Judul,Status,Topik,Status tenggat');
    expect(line).toMatch(new RegExp(`^${ticket},BPNT tidak dapat dicairkan,Ditindaklanjuti,`));
    expect(csv).not.toMatch(/Siti Aminah|3174015208900001/);
    await liaison.page.getByTestId('queue-export-status').getByText('Diserahkan ke peramban').waitFor(WAIT);
    await liaison.report().getByRole('button', { name: 'Kembalikan untuk perbaikan' }).click();
    const back = liaison.page.getByRole('form', { name: 'Kembalikan untuk perbaikan' });
    await back.getByLabel('Catatan untuk penulis').fill('Sebutkan nama bank penyalur.');
    await back.getByRole('button', { name: 'Simpan' }).click();
    await liaison.report().getByTestId('report-status').getByText('Dikembalikan').waitFor(WAIT);
    // Alt+S syncs from the keyboard.
    await liaison.page.keyboard.press('Alt+s');
    await untilAudited(record.id, 'report_return');

    await field.syncNow();
    await field.report().getByText('Catatan pengembalian: Sebutkan nama bank penyalur.').waitFor(WAIT);
    await field.report().getByRole('button', { name: 'Ubah' }).click();
    const again = field.page.getByRole('form', { name: 'Ubah laporan' });
    await again
      .getByLabel('Temuan', { exact: true })
      .fill('Kartu belum dibagikan oleh Bank Mandiri cabang Makassar.');
    await field.expectAccessible();
    await field.shot('07b-report-returned-edit');
    await again.getByRole('button', { name: 'Kirim ulang laporan' }).click();
    await field.report().getByTestId('report-status').getByText('Dikirim').waitFor(WAIT);
    await field.syncNow();
    await untilAudited(record.id, 'report_resubmit');

    await liaison.syncNow();
    await liaison
      .report()
      .getByTestId('report-findings')
      .getByText(/Bank Mandiri/)
      .waitFor(WAIT);
    await liaison.report().getByTestId('report-status').getByText('Dikirim').waitFor(WAIT);
    const trail = await auditActions(record.id);
    expect(trail.indexOf('report_return')).toBeLessThan(trail.indexOf('report_resubmit'));
    for (const officer of [field, liaison]) expect(officer.pageErrors()).toEqual([]);
  });

  it('resolves a conflict between the liaison officer and the field worker in the conflict inbox', async () => {
    const record = await newCase('in_follow_up', { title: 'PKH dihentikan tanpa pemberitahuan' });
    const ticket = record.ticketId;
    const field = await desk('fieldA1');
    await field.openCase(ticket);
    await field.submitReport({
      visitedOn: '2026-11-20',
      method: 'home_visit',
      findings: 'Peserta tercatat meninggal di DTKS.',
      actions: 'Verifikasi ke desa.',
      outcome: 'referred',
    });
    await field.syncNow();
    await untilAudited(record.id, 'report_submit');

    const liaison = await desk('liaisonA');
    await liaison.openCase(ticket);
    await liaison.report().getByTestId('report-status').getByText('Dikirim').waitFor(WAIT);

    // The field worker amends the findings offline while the liaison officer corrects them.
    await field.context.setOffline(true);
    await field.page.getByTestId('connectivity').getByText('Tanpa sambungan').waitFor(WAIT);
    await field.report().getByRole('button', { name: 'Ubah' }).click();
    const amend = field.page.getByRole('form', { name: 'Ubah laporan' });
    const mine = 'Peserta masih hidup; data kematian di DTKS keliru.';
    await amend.getByLabel('Temuan', { exact: true }).fill(mine);
    await amend.getByRole('button', { name: 'Simpan', exact: true }).click();
    await field.report().getByTestId('report-findings').getByText(mine).waitFor(WAIT);

    await liaison.report().getByRole('button', { name: 'Koreksi kolom' }).click();
    const correction = liaison.page.getByRole('form', { name: 'Koreksi kolom' });
    await correction
      .getByLabel('Nilai koreksi')
      .fill('Peserta tercatat meninggal di DTKS; perlu konfirmasi Dukcapil.');
    await correction.getByLabel('Alasan koreksi').fill('Perlu rujukan ke Dukcapil');
    await correction.getByRole('button', { name: 'Simpan' }).click();
    await liaison.syncNow();
    await untilAudited(record.id, 'report_correct');

    // Back online, the field worker's older amendment meets the correction: a conflict.
    await field.context.setOffline(false);
    await field.page.getByRole('button', { name: 'Konflik (1)' }).waitFor(WAIT);
    await field.page.getByRole('button', { name: 'Konflik (1)' }).click();
    const inbox = field.page.getByRole('region', { name: 'Kotak konflik' });
    const conflict = inbox.getByTestId('conflict');
    await conflict
      .getByRole('cell', { name: 'Peserta tercatat meninggal di DTKS.', exact: true })
      .waitFor(WAIT);
    await conflict.getByRole('radio', { name: new RegExp(mine) }).waitFor(WAIT);
    await conflict.getByRole('radio', { name: /perlu konfirmasi Dukcapil/ }).waitFor(WAIT);
    await field.expectAccessible();
    await field.shot('10-conflict-inbox');
    await conflict.getByRole('radio', { name: new RegExp(mine) }).check();
    await conflict.getByRole('button', { name: 'Selesaikan konflik' }).click();
    await inbox.getByText('Tidak ada konflik.').waitFor(WAIT);
    await field.syncNow();
    await expect
      .poll(
        async () =>
          (
            await server.db.query<{ findings: string }>(
              `select data->>'findings' as findings from reports where case_id = $1`,
              [record.id],
            )
          ).rows,
        { timeout: 20_000 },
      )
      .toEqual([{ findings: mine }]);
    expect(await auditActions(record.id)).toContain('conflict');
    for (const officer of [field, liaison]) expect(officer.pageErrors()).toEqual([]);
  });

  it('sorts urgent first then by deadline, works from the keyboard, speaks English on request and locks itself', async () => {
    const later = await newCase('received', {
      title: 'Aspirasi jadwal penyaluran',
      receivedAt: '2026-11-20T02:00:00.000Z',
    });
    const sooner = await newCase('received', {
      title: 'Kartu KKS hilang',
      receivedAt: '2026-11-10T02:00:00.000Z',
    });
    const urgent = await newCase('received', {
      title: 'Lansia terlantar tanpa makanan',
      urgency: 'urgent',
      receivedAt: '2026-11-23T02:00:00.000Z',
    });
    const { context, page, problems } = await workstation();
    await page.goto(`${appUrl}&lockAfter=600`);
    await signIn(page, 'admin');
    const admin = await deskOf(page, problems, context).ready();
    await page.getByLabel('Status').selectOption('received');
    const rows = page.getByRole('list', { name: 'Daftar kasus' }).getByRole('button');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    expect(await rows.locator('.queue-row__ticket').allTextContents()).toEqual([
      urgent.ticketId,
      sooner.ticketId,
      later.ticketId,
    ]);

    // Keyboard: in the list the arrows move and Enter opens; j/k open the next and previous case.
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Aspirasi jadwal penyaluran' }).waitFor(WAIT);
    await page.keyboard.press('k');
    await page.getByRole('heading', { name: 'Kartu KKS hilang' }).waitFor(WAIT);
    await page.keyboard.press('k');
    await page.getByRole('heading', { name: 'Lansia terlantar tanpa makanan' }).waitFor(WAIT);
    await page.keyboard.press('j');
    await page.getByRole('heading', { name: 'Kartu KKS hilang' }).waitFor(WAIT);
    // In a form being filled in, even on its buttons, the shortcuts keep off what was written.
    await page.getByTestId('case-actions').getByRole('button', { name: 'Verifikasi dan kategorikan', exact: true }).click();
    const verify = page.getByRole('form', { name: 'Verifikasi dan kategorikan' });
    await verify.getByRole('button', { name: 'Simpan' }).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Escape');
    await verify.waitFor(WAIT);
    await page.getByRole('heading', { name: 'Kartu KKS hilang' }).waitFor(WAIT);
    // Locking keeps a half-filled form: after unlocking it holds what was chosen, focus is back
    // in it, and the shortcuts pressed while locked changed nothing behind the lock. (The click
    // is dispatched so focus stays in the form, as when the desk locks itself.)
    await verify.getByLabel('Urgensi').selectOption('urgent');
    await verify.getByLabel('Urgensi').focus();
    await page.getByRole('button', { name: 'Kunci', exact: true }).dispatchEvent('click');
    await page.getByRole('form', { name: 'Buka kunci' }).waitFor(WAIT);
    await verify.waitFor({ state: 'hidden', ...WAIT });
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    for (const key of ['Escape', 'j', 'k']) await page.keyboard.press(key);
    // Nor can the header's buttons change the desk behind the lock (sign-out and language stay).
    expect(await page.getByRole('button', { name: 'Daftarkan pengaduan datang langsung' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Kunci', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Buka kunci' }).click();
    await verify.waitFor(WAIT);
    await page.getByRole('heading', { name: 'Kartu KKS hilang' }).waitFor(WAIT);
    expect(await verify.getByLabel('Urgensi').inputValue()).toBe('urgent');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')), WAIT).toBe('urgency');
    await verify.getByRole('button', { name: 'Batal' }).click();
    await page.locator('body').click({ position: { x: 5, y: 500 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');

    // English, switched from the desk.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Sync now' }).waitFor(WAIT);
    await page.getByText('Verify and categorise').waitFor(WAIT);
    await admin.expectAccessible();
    await admin.shot('11-desk-english');
    // The shared rules' sentences in English too: a walk-in with a short NIK.
    await page.getByRole('button', { name: 'Register a walk-in complaint' }).click();
    const walkIn = page.getByRole('form', { name: 'Walk-in complaint' });
    await walkIn.getByLabel('NIK').fill('3273015505');
    await walkIn.getByRole('button', { name: 'Register' }).click();
    await walkIn.getByText('The NIK must have 16 digits.').waitFor(WAIT);
    await walkIn.getByText('Description is required.').waitFor(WAIT);
    await walkIn.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByRole('button', { name: 'Keluar' }).waitFor(WAIT);

    // Left alone, the desk locks (here after 2 s, set on the URL); only the password opens it.
    await page.goto(`${appUrl}&lockAfter=2`);
    await signIn(page, 'admin');
    await admin.ready();
    await page.getByText('Meja terkunci karena tidak ada aktivitas').waitFor({ timeout: 15_000 });
    await page.getByRole('list', { name: 'Daftar kasus' }).waitFor({ state: 'hidden', ...WAIT });
    await admin.expectAccessible();
    await admin.shot('12-locked');
    // Focus waits in the password field; a wrong password is an alert, and focus returns there.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await page.keyboard.type('salah-sekali-123');
    await page.getByRole('button', { name: 'Buka kunci' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kata sandi salah. Data di perangkat ini tidak dibuka.' }).waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Buka kunci' }).click();
    await page.getByRole('list', { name: 'Daftar kasus' }).waitFor(WAIT);
    expect(admin.pageErrors()).toEqual([]);
  });

  it('registers a walk-in complaint with its KK scan, finds it by NIK through the keyed hash and flags a duplicate', async () => {
    const admin = await desk('admin');
    const nik = '3273015505850007';
    const register = async (title: string) => {
      await admin.page.getByRole('button', { name: 'Daftarkan pengaduan datang langsung' }).click();
      const form = admin.page.getByRole('form', { name: 'Pengaduan datang langsung' });
      await form.getByLabel('Judul').fill(title);
      await form.getByLabel('NIK').fill('3273015505');
      await form.getByRole('button', { name: 'Daftarkan' }).click();
      // Checked by the shared schemas, in Bahasa Indonesia, before anything is saved.
      await form.getByText('NIK harus 16 digit.').waitFor(WAIT);
      await form.getByText('Uraian wajib diisi.').waitFor(WAIT);
      await form
        .getByLabel('Uraian')
        .fill('Pelapor datang ke kantor membawa fotokopi KK; BPNT tidak diterima sejak Agustus.');
      await form.getByLabel('Nama pelapor').fill('Dewi Lestari');
      await form.getByLabel('NIK').fill(nik);
      await form.getByLabel('Telepon').fill('0813 2222 3333');
      // A scan that cannot be attached is refused before the case exists: nothing to register twice.
      await form
        .getByLabel('Pindaian fotokopi KK')
        .setInputFiles({ name: 'kk-dewi.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
      await form.getByRole('button', { name: 'Daftarkan' }).click();
      await form.getByRole('alert').filter({ hasText: /jenis|tipe|type/i }).first().waitFor(WAIT);
      expect(await admin.page.getByRole('list', { name: 'Daftar kasus' }).getByText(title).count()).toBe(0);
      await form
        .getByLabel('Pindaian fotokopi KK')
        .setInputFiles({ name: 'kk-dewi.png', mimeType: 'image/png', buffer: await admin.page.screenshot() });
      await admin.expectAccessible();
      await admin.shot('13-walk-in-form');
      await form.getByRole('button', { name: 'Daftarkan' }).click();
      await admin.page.getByRole('heading', { name: title }).waitFor(WAIT);
    };
    await register('BPNT tidak diterima sejak Agustus');
    // No KK number was given at the counter: the admin, who may see it, is told it is empty, not hidden.
    expect(await admin.page.getByTestId('reporter-kk').textContent()).toBe('Tidak diisi');
    await admin.page
      .getByTestId('attachments')
      .getByText(/kk-dewi\.png/)
      .waitFor(WAIT);
    await register('BPNT belum cair, datang lagi');
    await admin.page.getByText('Kemungkinan duplikat').waitFor(WAIT);

    // The NIK is never stored in clear: the search goes through the keyed hash and finds both.
    await admin.page.getByLabel('Cari tiket, judul, NIK atau telepon').fill(nik);
    const rows = admin.page.getByRole('list', { name: 'Daftar kasus' }).getByRole('button');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    await admin.page.getByLabel('Cari tiket, judul, NIK atau telepon').fill('0813-2222-3333');
    await expect.poll(() => rows.count(), WAIT).toBe(2);

    await admin.syncNow();
    await admin.page.getByTestId('pending-count').getByText('Semua perubahan terkirim').waitFor(WAIT);
    const stored = await server.db.query<{ title: string }>(
      `select data->>'title' as title from cases where data->>'channel' = 'walk_in' order by data->>'title'`,
    );
    expect(stored.rows.map((r) => r.title)).toEqual([
      'BPNT belum cair, datang lagi',
      'BPNT tidak diterima sejak Agustus',
    ]);
    await expect
      .poll(
        async () =>
          (
            await server.db.query<{ n: number }>(
              `select count(*)::int as n from attachments a join cases c on c.id = a.case_id where c.data->>'channel' = 'walk_in' and (a.data->>'isUploaded')::boolean`,
            )
          ).rows[0]?.n,
        WAIT,
      )
      .toBe(2);
    expect(admin.pageErrors()).toEqual([]);
  });

  it('lists a change the server rejected, with its reason, until the officer deals with it', async () => {
    const record = await newCase('finished', { title: 'Pencairan PKH terlambat' });
    const ticket = record.ticketId;
    // The same liaison officer on two workstations: the office PC (offline) and a laptop.
    const office = await desk('liaisonA');
    await office.openCase(ticket);
    const laptop = await desk('liaisonA');
    await laptop.openCase(ticket);

    await office.context.setOffline(true);
    await office.page.getByTestId('connectivity').getByText('Tanpa sambungan').waitFor(WAIT);
    await office.act('Catat penilaian pelapor', (rate) => rate.getByLabel('Nilai (1–5)').selectOption('4'));
    await laptop.act('Catat penilaian pelapor', (rate) => rate.getByLabel('Nilai (1–5)').selectOption('5'));
    await laptop.syncNow();
    await untilAudited(record.id, 'rate');

    // The office PC reconnects: its rating arrives after the case was already rated.
    await office.context.setOffline(false);
    await office.page.getByRole('button', { name: 'Ditolak (1)' }).waitFor(WAIT);
    await office.page
      .getByRole('button', { name: new RegExp(ticket) })
      .getByText('Ada perubahan ditolak')
      .waitFor(WAIT);
    await office.page.getByRole('button', { name: 'Ditolak (1)' }).click();
    const panel = office.page.getByRole('region', { name: 'Perubahan yang ditolak server' });
    await panel.getByText(`Dinilai pelapor pada kasus ${ticket}`).waitFor(WAIT);
    await panel
      .getByText(/tidak dapat dilakukan|tidak tersedia/)
      .first()
      .waitFor(WAIT);
    await office.expectAccessible();
    await office.shot('14-rejected');
    await office.page.getByTestId('case-rating').getByText('5').waitFor(WAIT);
    await panel.getByRole('button', { name: 'Buang' }).click();
    await panel.getByText('Tidak ada perubahan yang ditolak.').waitFor(WAIT);
    await office.page.getByRole('button', { name: 'Ditolak (0)' }).waitFor(WAIT);
    expect((await server.caseOnServer(record.id))?.rating).toBe(5);
    for (const officer of [office, laptop]) expect(officer.pageErrors()).toEqual([]);
  });

  it('shows why the server refused a photo for good, keeps it, and sends it again on request', async () => {
    const record = await newCase('in_follow_up', {
      title: 'Atap rumah lansia roboh',
      unitId: UNITS.workA.id,
      regionalUnitIds: [UNITS.uptA1.id],
      assigneeIds: [PEOPLE.fieldA1.id],
    });
    const field = await desk('fieldA1');
    await field.openCase(record.ticketId);
    await field.context.setOffline(true);
    await field.page.getByTestId('connectivity').getByText('Tanpa sambungan').waitFor(WAIT);
    await field.page.getByTestId('case-actions').getByRole('button', { name: 'Tulis laporan penanganan' }).click();
    const form = field.page.getByRole('form', { name: 'Ubah laporan' });
    await form.getByLabel('Temuan', { exact: true }).fill('Atap roboh sebagian, keluarga mengungsi ke tetangga.');
    await form
      .getByLabel('Lampirkan foto atau pindaian')
      .setInputFiles({ name: 'atap.png', mimeType: 'image/png', buffer: await field.page.screenshot() });
    await form.getByText(/Lampiran atap\.(png|jpg) tersimpan/).waitFor(WAIT);
    // With a draft of their own open, the officer is not offered another one.
    expect(await field.page.getByRole('button', { name: 'Tulis laporan penanganan' }).count()).toBe(0);

    // Meanwhile the liaison officer withdraws the assignment: the case leaves the field worker's scope.
    const liaison = await server.login('liaisonA');
    const withdrawn = await liaison.push([
      liaison.action(record.id, 'unassign', { assigneeIds: [PEOPLE.fieldA1.id], regionalUnitIds: [UNITS.uptA1.id] }, 1),
    ]);
    expect(withdrawn.results[0]).toMatchObject({ status: 'applied' });

    // Back online: the server no longer takes the photo. The case stays on this desk for it,
    // and the photo says why it is not sent instead of "not uploaded yet" for ever.
    const announces: string[] = [];
    field.page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/attachments/uploads') announces.push(request.url());
    });
    await field.context.setOffline(false);
    const photo = field.page.getByTestId('attachments').getByRole('listitem').filter({ hasText: /atap\.(png|jpg)/ });
    await photo.getByText(/^Ditolak server: /).waitFor({ timeout: 30_000 });
    await expect.poll(() => photo.textContent(), WAIT).not.toContain('belum terunggah');
    expect(announces.length).toBeGreaterThan(0);
    await field.expectAccessible();
    await field.shot('16-attachment-refused');
    // Removing it asks first (its bytes exist nowhere else); the officer changes their mind.
    await photo.getByRole('button', { name: /^Hapus dari perangkat ini: atap\.(png|jpg)$/ }).click();
    await photo.getByText('Berkas ini belum ada di server dan akan hilang. Hapus?').waitFor(WAIT);
    await photo.getByRole('button', { name: 'Batal' }).click();

    // Assigned again: the officer resends the report the server refused meanwhile (the rejected
    // list), then the photo, which now arrives.
    const reassigned = await liaison.push([
      liaison.action(record.id, 'assign', { assigneeIds: [PEOPLE.fieldA1.id], regionalUnitIds: [UNITS.uptA1.id] }, 2),
    ]);
    expect(reassigned.results[0]).toMatchObject({ status: 'applied' });
    await field.page.getByRole('button', { name: /^Ditolak \([1-9]\d*\)$/ }).click();
    const panel = field.page.getByRole('region', { name: 'Perubahan yang ditolak server' });
    const resend = panel.getByRole('button', { name: 'Perbaiki dan kirim ulang' });
    await resend.first().waitFor(WAIT);
    // What can be fixed is named as the form names it; the record's ids are not offered.
    await panel.getByLabel('Nilai baru untuk Temuan').first().waitFor(WAIT);
    expect(await panel.getByLabel(/caseId/).count()).toBe(0);
    for (let left = await resend.count(); left > 0; left -= 1) {
      await resend.first().click();
      await expect.poll(() => resend.count(), WAIT).toBe(left - 1);
    }
    await field.page.getByTestId('pending-count').getByText('Semua perubahan terkirim').waitFor(WAIT);
    const before = announces.length;
    await photo.getByRole('button', { name: 'Kirim lagi' }).click();
    await expect.poll(() => announces.length, WAIT).toBeGreaterThan(before);
    const uploaded = () =>
      server.db
        .query<{ uploaded: boolean }>(`select (data->>'isUploaded')::boolean as uploaded from attachments where case_id = $1`, [record.id])
        .then((result) => result.rows.map((row) => row.uploaded));
    await expect.poll(uploaded, { timeout: 20_000 }).toEqual([true]);
    await photo.getByRole('button', { name: 'Kirim lagi' }).waitFor({ state: 'detached', ...WAIT });
    expect(field.pageErrors()).toEqual([]);
  });

  it('an edit of one field of a report saves that field alone, against the value the record held', async () => {
    const record = await newCase('in_follow_up', { title: 'KKS belum aktif di bank' });
    // A draft written elsewhere, its checks in another order than the programmes are configured.
    const fieldOnServer = await server.login('fieldA1');
    const reportId = uuidv7();
    const created = await fieldOnServer.push([
      fieldOnServer.create('report', reportId, {
        caseId: record.id,
        findings: 'Rekening belum aktif.',
        beneficiaryChecks: [
          { program: 'pkh', status: 'active', note: null },
          { program: 'dtks', status: 'active', note: null },
        ],
      }),
    ]);
    expect(created.results[0]).toMatchObject({ status: 'applied' });
    const field = await desk('fieldA1');
    await field.openCase(record.ticketId);
    // The officer's own draft opens in its form.
    const form = field.page.getByRole('form', { name: 'Ubah laporan' });
    await form.getByLabel('PKH', { exact: true }).selectOption('inactive');
    await form.getByRole('button', { name: 'Simpan draf' }).click();
    await form.getByText(/Draf tersimpan otomatis/).waitFor(WAIT);
    await field.syncNow();
    await field.page.getByTestId('pending-count').getByText('Semua perubahan terkirim').waitFor(WAIT);
    const stored = await server.db.query<{ data: { beneficiaryChecks: { program: string; status: string }[]; findings: string } }>(
      'select data from reports where id = $1',
      [reportId],
    );
    expect(stored.rows[0]!.data.beneficiaryChecks.find((c) => c.program === 'pkh')?.status).toBe('inactive');
    expect(stored.rows[0]!.data.findings).toBe('Rekening belum aktif.');
    await field.page.getByRole('button', { name: 'Konflik (0)' }).waitFor(WAIT);
  });

  it('keeps what was typed in a report when the officer signs out before the autosave', async () => {
    const record = await newCase('in_follow_up', { title: 'Bantuan sembako terlambat' });
    const { context, page, problems } = await workstation();
    await signIn(page, 'fieldA1');
    const field = await deskOf(page, problems, context).ready();
    await field.openCase(record.ticketId);
    await page.getByTestId('case-actions').getByRole('button', { name: 'Tulis laporan penanganan' }).click();
    const form = page.getByRole('form', { name: 'Ubah laporan' });
    await form.getByLabel('Temuan', { exact: true }).fill('Ditulis tepat sebelum keluar.');
    // Straight out, well within the autosave's delay.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByLabel('Nama pengguna').waitFor(WAIT);
    await signIn(page, 'fieldA1');
    await field.ready();
    await field.openCase(record.ticketId);
    await field.report().getByText('Ditulis tepat sebelum keluar.').waitFor(WAIT);
    expect(field.pageErrors()).toEqual([]);
  });

  it('signs in offline after a first online sign-in, and keeps two officers apart on one workstation', async () => {
    const mine = await newCase('in_follow_up', { title: 'Data DTKS keliru' });
    const { context, page, problems } = await workstation();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${screenshotDir}/08-sign-in.png`, fullPage: true });

    // Nobody has signed in here yet: offline, the first sign-in is refused with the reason.
    await context.setOffline(true);
    await signIn(page, 'fieldA1');
    await page.getByText('Masuk pertama kali di perangkat ini harus tersambung ke server').waitFor(WAIT);
    await context.setOffline(false);

    await signIn(page, 'fieldA1');
    const field = await deskOf(page, problems, context).ready();
    await field.openCase(mine.ticketId);
    await field.page
      .getByTestId('case-actions')
      .getByRole('button', { name: 'Tulis laporan penanganan' })
      .click();
    const form = page.getByRole('form', { name: 'Ubah laporan' });
    await form.getByLabel('Temuan', { exact: true }).fill('Catatan awal kunjungan.');
    await form.getByRole('button', { name: 'Simpan draf' }).click();
    await form.getByText(/Draf tersimpan otomatis/).waitFor(WAIT);
    await page.getByTestId('pending-count').getByText('Semua perubahan terkirim').waitFor(WAIT);

    // The server becomes unreachable; typed text is saved by the autosave alone, then the
    // window crashes (a reload) before anything could be sent.
    const unreachable = `${server.url}/**`;
    await context.route(unreachable, (route) => route.abort('internetdisconnected'));
    await form.getByLabel('Tindakan yang dilakukan').fill('Belum ada.');
    await expect
      .poll(() => page.getByTestId('pending-count').textContent(), WAIT)
      .toMatch(/[1-9]\d* perubahan belum terkirim/);
    await page.reload();
    await context.unroute(unreachable);

    // A link that holds every sign-in: a password the data refuses is checked with the server
    // (it may be new), the form says so, and the officer can stop waiting.
    const held = `${server.url}/auth/login`;
    await context.route(held, () => undefined);
    await signIn(page, 'fieldA1', 'salah-sekali-123');
    await page.getByText('Menanyakan ke server apakah kata sandi Anda baru diganti', { exact: false }).waitFor(WAIT);
    await page.getByRole('button', { name: 'Berhenti menunggu server' }).click();
    await page.getByText(/server tidak jadi ditanya/).waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    await page.getByRole('button', { name: 'Berhenti menunggu server' }).waitFor({ state: 'detached', ...WAIT });
    await context.unroute(held);
    await context.setOffline(true);

    // Offline: a wrong password opens nothing; the right one opens the officer's own data.
    await signIn(page, 'fieldA1', 'salah-sekali-123');
    await page.getByText('Kata sandi salah. Data di perangkat ini tidak dibuka.').waitFor(WAIT);
    await signIn(page, 'fieldA1');
    await field.ready();
    await page.getByText('Masuk tanpa sambungan').waitFor(WAIT);
    await field.openCase(mine.ticketId);
    await field
      .report()
      .getByTestId('report-actionsTaken')
      .getByText('Belum ada.')
      .waitFor({ state: 'attached', ...WAIT });
    await expect
      .poll(() => page.getByTestId('pending-count').textContent(), WAIT)
      .toMatch(/[1-9]\d* perubahan belum terkirim/);
    await field.shot('09-offline-sign-in');
    await field.expectAccessible();
    await page.getByRole('button', { name: 'Keluar' }).click();

    // Another officer on the same workstation (online): their own queue, none of the other's work.
    await context.setOffline(false);
    await signIn(page, 'liaisonB');
    await field.ready();
    await page.getByText('liaisonB · Pejabat Penghubung').waitFor(WAIT);
    await page.getByText('0 kasus').waitFor(WAIT);
    await page.getByTestId('pending-count').getByText('Semua perubahan terkirim').waitFor(WAIT);
    await page.getByRole('button', { name: 'Keluar' }).click();

    // The field worker's unsent draft waited for them, and goes out when they are back.
    await signIn(page, 'fieldA1');
    await field.ready();
    // A draft is its author's alone until submitted: their trail on the server shows it.
    await untilAudited(mine.id, 'report_create', await server.login('fieldA1'));
    await page.getByTestId('pending-count').getByText('Semua perubahan terkirim').waitFor(WAIT);
    expect(field.pageErrors()).toEqual([]);
  });
  it('opens the workstation’s data with the previous password once, after an admin reset the password on the server', async () => {
    const { context, page, problems } = await workstation();
    await signIn(page, 'fieldB1');
    const field = await deskOf(page, problems, context).ready();
    await page.getByRole('button', { name: 'Keluar' }).click();

    const admin = await server.login('admin');
    const NEW_PASSWORD = 'sandi-direset-admin-2026';
    const setPassword = async (password: string) =>
      expect((await admin.call('PATCH', `/admin/users/${PEOPLE.fieldB1.id}`, { password })).status).toBe(200);
    await setPassword(NEW_PASSWORD);

    // The new password is right for the server, but the data here is locked with the old one.
    await signIn(page, 'fieldB1', NEW_PASSWORD);
    const recovery = page.getByRole('region', { name: 'Kata sandi Anda sudah diganti di server' });
    await recovery.waitFor(WAIT);
    await recovery.getByText('Lupa kata sandi lama?').click();
    await page
      .getByTestId('recovery-unsent')
      .getByText('Semua pekerjaan Anda di perangkat ini sudah ada di server')
      .waitFor(WAIT);
    await field.shot('10-password-changed-on-server');
    await field.expectAccessible();
    await recovery.getByLabel('Kata sandi lama').fill('bukan-sandi-lama');
    await recovery.getByRole('button', { name: 'Buka dengan kata sandi lama' }).click();
    await page.getByText('Kata sandi lama salah. Data di perangkat ini belum dibuka.').waitFor(WAIT);
    await recovery.getByLabel('Kata sandi lama').fill(TEST_PASSWORD);
    await recovery.getByRole('button', { name: 'Buka dengan kata sandi lama' }).click();
    await field.ready();
    await page.getByRole('button', { name: 'Keluar' }).click();

    // From now on the new password opens the data offline too.
    await context.setOffline(true);
    await signIn(page, 'fieldB1', NEW_PASSWORD);
    await field.ready();
    await page.getByText('Masuk tanpa sambungan').waitFor(WAIT);
    await context.setOffline(false);
    await setPassword(TEST_PASSWORD);
    expect(field.pageErrors()).toEqual([]);
  });
});
