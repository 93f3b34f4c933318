/**
 * The case desk with a large local store, in Chromium against the real server (PGlite):
 * first paint of the queue after sign-in, filter and search response, and the longest
 * main-thread task while the initial pull applies in the background. A measurement, not a
 * timed test and not part of `npm test`; it prints its figures, and with BENCH_WRITE=1 writes
 * its section of docs/benchmarks.md. Targets from issue 5: first paint ≤ 300 ms, filter
 * ≤ 100 ms, no task over 50 ms. TINDAK_BENCH_CASES sets the size (default 100,000).
 *
 *   BENCH_WRITE=1 npm run bench:desk
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type CaseRecord } from '../../src/shared';
import { launchBrowser, launchProfileOnDisk } from '../helpers/browser';
import { UNITS, caseIn } from '../helpers/org-fixture';
import { TEST_PASSWORD, startServer, usernameOf, type TestServer } from '../helpers/server';
import { serveStatic, type StaticServer } from '../helpers/static-server';
import { PULL_SLICE } from '../../src/renderer/db/sync-store';
import { writeBenchmarkSection } from './write-section';

const CASES = Number(process.env['TINDAK_BENCH_CASES'] ?? 100_000);
const BACKGROUND_PULL = Number(process.env['TINDAK_BENCH_BACKGROUND'] ?? 10_000);
const distWeb = fileURLToPath(new URL('../../dist-web', import.meta.url));

async function timed(page: Page, act: () => Promise<unknown>, done: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await act();
  await done();
  return Math.round(performance.now() - start);
}

/** Cases in the liaison officer's scope, numbered from `first`: ticket ids, titles and NIKs follow the number. */
async function insertBenchCases(server: TestServer, first: number, count: number): Promise<void> {
  const statuses = ['distributed', 'in_follow_up', 'finished'] as const;
  const channels = ['lapor', 'wbs', 'jaga_bansos', 'cc171'];
  for (let start = first; start < first + count; start += 5_000) {
    const batch: CaseRecord[] = [];
    for (let i = start; i < Math.min(first + count, start + 5_000); i += 1) {
      const id = uuidv7();
      const nik =
        `3174${String(i % 1_000_000)
          .padStart(6, '0')
          .slice(0, 2)}1508900001`.slice(0, 12) + String((i % 9_999) + 1).padStart(4, '0');
      batch.push(
        caseIn(statuses[i % 3]!, {
          id,
          ticketId: `LAPOR-B${String(i).padStart(7, '0')}`,
          title: `Pengaduan bantuan sosial nomor ${i}`,
          channel: channels[i % channels.length]!,
          urgency: i % 17 === 0 ? 'urgent' : 'normal',
          receivedAt: new Date(Date.UTC(2026, 9, 1) + (i % 50) * 86_400_000).toISOString(),
          reporter: { name: 'Pelapor Uji', nik, kk: null, phone: null, address: null },
          unitId: UNITS.workA.id,
        }),
      );
    }
    await server.insertCases(batch);
  }
}

describe('case desk benchmark', () => {
  let pages: StaticServer;
  let server: TestServer;
  let profileDir: string;
  let memoryBrowser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    if (!existsSync(`${distWeb}/index.html`)) throw new Error('Run `npm run build:web` first.');
    pages = await serveStatic(distWeb);
    server = await startServer('pglite', { settings: { allowedOrigins: [new URL(pages.url).origin] } });
    await insertBenchCases(server, 0, CASES);
    // A browser profile on disk, as the desktop app has (Playwright's own contexts keep IndexedDB in memory).
    profileDir = await mkdtemp(join(tmpdir(), 'tindak-desk-bench-'));
  }, 900_000);

  afterAll(async () => {
    // Closed here too when the test failed half-way, before its profile is deleted.
    await context?.close();
    await memoryBrowser?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
    await server?.close();
    await pages?.close();
  });

  it(`measures the queue with ${CASES} local cases`, async () => {
    const viewport = { width: 1400, height: 1000 };
    context =
      process.env.BENCH_IN_MEMORY === '1'
        ? await (memoryBrowser = await launchBrowser()).newContext({ viewport })
        : await launchProfileOnDisk(profileDir, { viewport });
    await context.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      const frames: unknown[] = [];
      (window as unknown as { __longFrames: unknown[] }).__longFrames = frames;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          duration: number;
          blockingDuration: number;
          scripts: {
            invoker: string;
            sourceFunctionName: string;
            duration: number;
            forcedStyleAndLayoutDuration: number;
          }[];
        }[])
          if (entry.blockingDuration > 0)
            frames.push({
              duration: Math.round(entry.duration),
              blocking: Math.round(entry.blockingDuration),
              scripts: entry.scripts.map(
                (s) => `${s.invoker} ${s.sourceFunctionName} ${Math.round(s.duration)}ms`,
              ),
            });
      }).observe({ type: 'long-animation-frame', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(`${pages.url}?server=${encodeURIComponent(server.url)}`);
    const signIn = async () => {
      await page.getByLabel('Nama pengguna').fill(usernameOf('liaisonA'));
      await page.getByLabel('Kata sandi').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await page.getByTestId('officer').waitFor({ timeout: 60_000 });
    };
    await signIn();
    // Long tasks from here on: the pull applying in the background (the sign-in's KDF is before).
    await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    const cdp = process.env['BENCH_PROFILE'] ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const pullStart = performance.now();
    await page.getByTestId('pending-count').waitFor();
    await page.waitForFunction(
      () => /Sinkron terakhir/.test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ''),
      undefined,
      { timeout: 600_000, polling: 500 },
    );
    const pullMs = Math.round(performance.now() - pullStart);
    const longTasksDuringPull = await page.evaluate(() =>
      (window as unknown as { __longTasks: number[] }).__longTasks.slice(),
    );
    if (process.env['BENCH_PROFILE'])
      console.log(
        JSON.stringify(
          await page.evaluate(() => (window as unknown as { __longFrames: unknown[] }).__longFrames),
          null,
          1,
        ),
      );
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(process.env['BENCH_PROFILE']!, JSON.stringify(profile));
    }

    // Sign in again with the store full: first rows after the sign-in completes.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.evaluate(() => performance.clearMarks());
    await signIn();
    await page.waitForFunction(
      () => performance.getEntriesByName('tindak:queue-first-rows').length > 0,
      undefined,
      { timeout: 60_000 },
    );
    const firstPaintMs = await page.evaluate(() => {
      const [signedIn] = performance.getEntriesByName('tindak:signed-in');
      const [rows] = performance.getEntriesByName('tindak:queue-first-rows');
      return Math.round((rows?.startTime ?? 0) - (signedIn?.startTime ?? 0));
    });
    const rows = page.getByRole('list', { name: 'Daftar kasus' }).getByRole('button');
    await rows.first().waitFor();

    const filterMs = await timed(
      page,
      () => page.getByLabel('Status').selectOption('finished'),
      () =>
        page.waitForFunction(() => document.querySelector('.queue-row__status')?.textContent === 'Selesai'),
    );
    const channelFilterMs = await timed(
      page,
      () => page.getByLabel('Kanal').selectOption('wbs'),
      () =>
        page.waitForFunction(
          () =>
            document.querySelectorAll('.queue-row').length > 0 &&
            document.querySelector('.queue-row__status')?.textContent === 'Selesai',
        ),
    );
    await page.getByRole('button', { name: 'Hapus filter' }).click();
    // "On track" cases sort last in the queue's deadline order, and here there are none: before
    // the deadline filter read key ranges, this checked every case.
    const deadlineFilterMs = await timed(
      page,
      () => page.getByLabel('Tenggat').selectOption('on_track'),
      () =>
        page.waitForFunction(
          () =>
            document.querySelector('.queue__empty') !== null ||
            (document.querySelectorAll('.queue-row').length > 0 &&
              [...document.querySelectorAll('.queue-row .badge--on_track, .queue-row .badge--overdue, .queue-row .badge--due_soon')].every((b) =>
                b.classList.contains('badge--on_track'),
              )),
        ),
    );
    const onTrackRows = await page.locator('.queue-row').count();
    await page.getByRole('button', { name: 'Hapus filter' }).click();
    const searchMs = await timed(
      page,
      () => page.getByLabel('Cari tiket, judul, NIK atau telepon').fill('LAPOR-B0004242'),
      () =>
        page.waitForFunction(
          () => document.querySelector('.queue-row__ticket')?.textContent === 'LAPOR-B0004242',
        ),
    );
    await page.getByLabel('Cari tiket, judul, NIK atau telepon').fill('');

    // A pull of 10,000 more cases in the background while the store holds the others, as on a
    // working day: the officer presses "Sinkronkan" with the queue open.
    await insertBenchCases(server, CASES, BACKGROUND_PULL);
    const phase = page.getByTestId('sync-phase');
    const lastPullBefore = await phase.getAttribute('data-last-pull');
    await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
    const backgroundStart = performance.now();
    await page.getByRole('button', { name: 'Sinkronkan', exact: true }).click();
    await page.waitForFunction(
      (before) => {
        const span = document.querySelector('[data-testid="sync-phase"]');
        return span?.getAttribute('data-phase') === 'idle' && span.getAttribute('data-last-pull') !== before;
      },
      lastPullBefore,
      { timeout: 600_000, polling: 200 },
    );
    const backgroundPullMs = Math.round(performance.now() - backgroundStart);
    const longTasksDuringBackgroundPull = await page.evaluate(() =>
      (window as unknown as { __longTasks: number[] }).__longTasks.slice(),
    );
    const longestBackground = Math.round(Math.max(0, ...longTasksDuringBackgroundPull));

    const longest = Math.round(Math.max(0, ...longTasksDuringPull));
    const figures = {
      cases: CASES,
      pullMs,
      longTasksDuringPull: longTasksDuringPull.length,
      longestTaskDuringPullMs: longest,
      firstPaintAfterSignInMs: firstPaintMs,
      statusFilterMs: filterMs,
      channelFilterMs,
      deadlineFilterMs,
      onTrackRows,
      ticketSearchMs: searchMs,
      backgroundPullCases: BACKGROUND_PULL,
      backgroundPullMs,
      longTasksDuringBackgroundPull: longTasksDuringBackgroundPull.length,
      longestTaskDuringBackgroundPullMs: longestBackground,
    };
    console.log(`case desk benchmark: ${JSON.stringify(figures)}`);
    const verdict = (value: number, target: number) => (value <= target ? 'met' : '**missed**');
    const section = [
      '## Case desk in Chromium (issue 5)',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Debian's Chromium through playwright-core; the built renderer (dist-web) against the real server on PGlite with ${CASES.toLocaleString('en')} cases in the liaison officer's scope. Command: \`BENCH_WRITE=1 npm run bench:desk\`. One run; the machine is shared, so the figures move between runs.`,
      '',
      '| measure | result | target | |',
      '|---|---|---|---|',
      `| first rows of the queue after sign-in (store full) | ${firstPaintMs} ms | ≤ 300 ms | ${verdict(firstPaintMs, 300)} |`,
      `| status filter | ${filterMs} ms | ≤ 100 ms | ${verdict(filterMs, 100)} |`,
      `| channel filter | ${channelFilterMs} ms | ≤ 100 ms | ${verdict(channelFilterMs, 100)} |`,
      `| deadline filter "on track" (key ranges of the queue order, then the exact state per row; ${onTrackRows} rows shown) | ${deadlineFilterMs} ms | ≤ 100 ms | ${verdict(deadlineFilterMs, 100)} |`,
      `| ticket search | ${searchMs} ms | | |`,
      `| longest main-thread task while a pull of ${BACKGROUND_PULL.toLocaleString('en')} more cases applies in the background ("Sinkronkan" with the queue open) | ${longestBackground > 0 ? `${longestBackground} ms (${longTasksDuringBackgroundPull.length} tasks over 50 ms)` : 'no task over 50 ms'} | ≤ 50 ms | ${verdict(longestBackground, 50)} |`,
      `| longest main-thread task while the initial pull of ${CASES.toLocaleString('en')} applies | ${longest > 0 ? `${longest} ms (${longTasksDuringPull.length} tasks over 50 ms)` : 'no task over 50 ms'} | ≤ 50 ms | ${verdict(longest, 50)} |`,
      `| initial pull of all cases, sign-in to "last synced" | ${(pullMs / 1000).toFixed(0)} s | | |`,
      `| background pull of ${BACKGROUND_PULL.toLocaleString('en')} cases, "Sinkronkan" to idle | ${(backgroundPullMs / 1000).toFixed(1)} s | | |`,
      '',
      `Storage: ${process.env.BENCH_IN_MEMORY === '1' ? 'in memory (`BENCH_IN_MEMORY=1`: an off-the-record context)' : 'a Chromium profile on disk, as the desktop app keeps it'} (before 2026-11-26 this bench ran in Playwright's off-the-record context, whose IndexedDB lives in memory). Pulled pages are sealed and written ${PULL_SLICE} rows at a time (\`PULL_SLICE\` in src/renderer/db/sync-store.ts, two slices in flight), each slice ending on an await where the browser runs input and rendering, and the engine asks for the next page while it applies one. Long tasks are what Chromium's Long Tasks API reports (tasks over 50 ms); \`BENCH_PROFILE=path\` also writes a CPU profile and the Long Animation Frames. Repeated runs matter. In memory (eight runs on 2026-11-25) the background pull of 10,000 never had a task over 50 ms and the initial pull of 100,000 had 1–5 of 50–67 ms. On disk the first run (2026-11-26, before the changes below) had 12 tasks over 50 ms during the background pull (longest 79 ms) and 117 during the initial pull (longest 110 ms): with 2 cores shared by the renderer, the server and LevelDB writing and compacting, every task runs longer. Reading a page's stored ids a slice at a time instead of one \`bulkGet\` answered in one callback, one working calendar per zone instead of one per row, holidays as day numbers, and slices of 50 instead of 100 brought five later runs to 1–7 tasks of 52–75 ms during the background pull and 10–34 (up to 127 ms) during the initial pull; with the queue then reading its page in one \`getAll\` (no cursor step per row when there is nothing to check on the rows), the next three runs had 0, 0 and 2 tasks (up to 55 ms) during the background pull and 16–18 (up to 95 ms) during the initial pull. The deadline filter reads key ranges of the queue order (the deadlines the state can have now, per urgency rank) and checks the exact state on those rows only; before, "on track" with no case on track checked all 100,000 cases: 4.4 s. CPU profiles (\`BENCH_PROFILE\`) put what remains in IndexedDB success callbacks: garbage collection, the structured clone of a slice's rows, the page's zod validation.`,
      '',
    ].join('\n');
    if (process.env.BENCH_WRITE === '1')
      await writeBenchmarkSection('## Case desk in Chromium (issue 5)', section);
    expect(await rows.count()).toBeGreaterThan(0);
    await context.close();
  }, 1_200_000);
});
