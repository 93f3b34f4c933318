/**
 * The sync engine on a slow link: a field worker's 1,000 handling reports pushed through the
 * fault-injecting proxy at 256 kbit/s each way with a 300 ms round trip, by the real engine
 * and the real local store (Dexie on fake-indexeddb), to the real server in its own process
 * (PGlite). Measures what issue 4 asks:
 *
 * - bytes on the wire per report (both directions, HTTP headers included), against the
 *   report's own JSON gzipped alone (target ≤ 1.2×);
 * - the time to push all 1,000, against bytes / bandwidth (target ≤ 1.3×);
 * and, for the record, the pull that brings the reports (and their audit events) back.
 *
 *   npx tsx tests/bench/sync-link.ts            # prints Markdown
 *   BENCH_WRITE=1 npm run bench:sync   # also writes its section of docs/benchmarks.md
 *   BENCH_REPORTS=200 npx tsx tests/bench/sync-link.ts   # a quicker smoke run
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeBenchmarkSection } from './write-section';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { z } from 'zod';
import { PROTOCOL_VERSION, type PullRequest, type PushRequest, type ReportContent } from '../../src/shared';
import { LocalSyncStore, createReport, openUserStore } from '../../src/renderer/db';
import {
  SyncEngine,
  SyncHttpClient,
  createInProcessLockManager,
  createSyncStatusStore,
  manualConnectivity,
  memorySessionSource,
  statusSinkOf,
  type RequestOptions,
  type SyncTransport,
} from '../../src/renderer/sync';
import { PEOPLE } from '../helpers/org-fixture';
import { TEST_PASSWORD, usernameOf } from '../helpers/server';
import { spawnServer } from '../helpers/server-process';
import { startTcpProxy } from '../helpers/tcp-proxy';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000);
const CASES = 50;
const BANDWIDTH_BYTES_PER_SECOND = 256_000 / 8;
const ONE_WAY_LATENCY_MS = 150;

// ------------------------------------------------------------------------------------------
// Realistic report text: Bahasa Indonesia sentences from a seeded generator, so gzip meets
// what it would in the field rather than one repeated sentence.
// ------------------------------------------------------------------------------------------

/** mulberry32: small, seeded, and in 32-bit integer arithmetic (no precision loss in doubles). */
let seed = 20_261_120;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const GIVEN = [
  'Siti',
  'Budi',
  'Ahmad',
  'Dewi',
  'Yohanes',
  'Nur',
  'Rahmat',
  'Fransiska',
  'Agus',
  'Wayan',
  'Maria',
  'Hendra',
  'Ratna',
  'Daeng',
  'Ketut',
  'Yuliana',
  'Slamet',
  'Andi',
  'Fitri',
  'Markus',
];
const FAMILY = [
  'Rahayu',
  'Santoso',
  'Wibowo',
  'Lestari',
  'Mandala',
  'Nasution',
  'Pattinama',
  'Sitompul',
  'Hidayat',
  'Kurniawan',
  'Manurung',
  'Saragih',
  'Tanjung',
  'Wenda',
  'Yikwa',
  'Rumbiak',
];
const PLACES = [
  'Kelurahan Sukajadi',
  'Desa Tanjung Harapan',
  'Kecamatan Biringkanaya',
  'Desa Waena',
  'Kelurahan Cempaka Putih',
  'Desa Sumber Rejo',
  'Kampung Harapan',
  'Desa Mamala',
  'Kelurahan Tamalanrea',
  'Desa Koya Barat',
];
const PROGRAMS = ['PKH', 'BPNT', 'PBI JK', 'BLT', 'ATENSI', 'Rutilahu'];
const FACTS = [
  (n: string, p: string) =>
    `bantuan ${p} tahap ${1 + Math.floor(random() * 4)} untuk ${n} belum diterima sejak ${pick(MONTHS)}`,
  (n: string) => `kartu KKS atas nama ${n} belum diaktifkan oleh bank penyalur`,
  (n: string) =>
    `data keluarga ${n} di DTKS masih memakai alamat lama di RT ${1 + Math.floor(random() * 15)}/RW ${1 + Math.floor(random() * 9)}`,
  (n: string, p: string) =>
    `anak ${n} yang bersekolah di kelas ${1 + Math.floor(random() * 12)} tidak tercantum dalam komponen ${p}`,
  (_n: string, p: string) =>
    `saldo ${p} sebesar Rp${(100 + Math.floor(random() * 900)) * 1000} tidak dapat dicairkan di e-warong`,
  (n: string) => `NIK ${n} tercatat ganda di Dukcapil dengan tanggal lahir berbeda`,
  (n: string) =>
    `rumah ${n} rusak ${pick(['ringan', 'sedang', 'berat'])} akibat ${pick(['banjir', 'angin puting beliung', 'longsor', 'kebakaran'])} pada ${1 + Math.floor(random() * 28)} ${pick(MONTHS)}`,
  (n: string) => `${n} berusia ${60 + Math.floor(random() * 30)} tahun belum masuk komponen lanjut usia`,
  (n: string) => `${n} pindah domisili ke ${pick(PLACES)} tanpa pemutakhiran data`,
  (n: string, p: string) =>
    `pencairan ${p} untuk ${n} tertahan karena rekening dibekukan sejak ${pick(MONTHS)}`,
];
const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const OPENINGS = [
  'Berdasarkan kunjungan,',
  'Dari wawancara dengan keluarga,',
  'Menurut keterangan tetangga,',
  'Setelah memeriksa dokumen,',
  'Pada saat kunjungan,',
  'Hasil konfirmasi telepon:',
];
const ACTIONS = [
  () => `mendampingi pelapor ke kantor cabang bank penyalur di ${pick(PLACES)}`,
  () =>
    `mengajukan pemutakhiran data melalui operator SIKS-NG desa pada ${1 + Math.floor(random() * 28)} ${pick(MONTHS)}`,
  () =>
    `berkoordinasi dengan Dinas Sosial kabupaten (surat nomor ${100 + Math.floor(random() * 900)}/DINSOS/${2020 + Math.floor(random() * 7)})`,
  () => `memeriksa kartu keluarga dan KTP elektronik ${pick(GIVEN)} ${pick(FAMILY)}`,
  () => `mencatat kondisi rumah dan mengambil ${2 + Math.floor(random() * 8)} foto sebagai bukti`,
  () => `menghubungi pendamping ${pick(PROGRAMS)} wilayah ${pick(PLACES)} untuk verifikasi`,
  () =>
    `mengusulkan perbaikan data pada musyawarah desa tanggal ${1 + Math.floor(random() * 28)} ${pick(MONTHS)}`,
];

const person = () => `${pick(GIVEN)} ${pick(FAMILY)}`;
const sentence = () => `${pick(OPENINGS)} ${pick(FACTS)(person(), pick(PROGRAMS))}.`;
const paragraph = (min: number, max: number) =>
  Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, sentence).join(' ');

function reportContent(): Partial<ReportContent> {
  return {
    visitDate: `2026-11-${String(1 + Math.floor(random() * 20)).padStart(2, '0')}`,
    method: pick(['home_visit', 'phone', 'office_meeting', 'document_check'] as const),
    findings: paragraph(3, 7),
    actionsTaken: `Petugas ${pick(ACTIONS)()}, lalu ${pick(ACTIONS)()}. ${paragraph(1, 2)}`,
    beneficiaryChecks: [
      {
        program: 'pkh',
        status: pick(['registered', 'active', 'inactive'] as const),
        note: random() < 0.5 ? null : sentence(),
      },
    ],
    outcome: pick(['resolved', 'partly_resolved', 'not_resolved', 'referred'] as const),
    recommendation: paragraph(1, 2),
  };
}

/** Words of random syllables: text that compresses far less, the other end of the range. */
const SYLLABLES = [
  'ba',
  'ka',
  'ma',
  'ri',
  'tu',
  'ngi',
  'sa',
  'wa',
  'lo',
  'pe',
  'du',
  'gan',
  'ya',
  'te',
  'ro',
  'nus',
  'hi',
  'ke',
  'jo',
  'bu',
];
const noiseWord = () =>
  Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('') +
  (random() < 0.2 ? String(Math.floor(random() * 1000)) : '');
const noise = (words: number) => Array.from({ length: words }, noiseWord).join(' ');

function noisyReportContent(): Partial<ReportContent> {
  return { ...reportContent(), findings: noise(90), actionsTaken: noise(45), recommendation: noise(20) };
}

// ------------------------------------------------------------------------------------------

interface Phase {
  ms: number;
  upstreamBytes: number;
  downstreamBytes: number;
}

/** Records each push's size, to show how the batches adapted. */
class CountingTransport implements SyncTransport {
  readonly pushes: Array<{ count: number; jsonBytes: number; wireBytes: number; ms: number }> = [];
  readonly pulls: number[] = [];
  constructor(private readonly inner: SyncHttpClient) {}
  async push(request: PushRequest, options?: RequestOptions) {
    const started = performance.now();
    const answer = await this.inner.push(request, options);
    this.pushes.push({
      count: request.mutations.length,
      jsonBytes: answer.sent.jsonBytes,
      wireBytes: answer.sent.wireBytes,
      ms: performance.now() - started,
    });
    return answer;
  }
  async pull(request: PullRequest, options?: RequestOptions) {
    const answer = await this.inner.pull(request, options);
    this.pulls.push('changes' in answer.data ? answer.data.changes.length : 0);
    return answer;
  }
}

function machine(): string {
  const model =
    /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const nproc = execSync('nproc').toString().trim();
  return `${model}, nproc ${nproc}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
}

interface WorkloadResult {
  name: string;
  meanJson: number;
  meanGzipped: number;
  push: Phase;
  pull: Phase;
  batches: CountingTransport['pushes'];
  pullPages: number;
}

async function runWorkload(
  serverUrl: string,
  name: string,
  content: () => Partial<ReportContent>,
): Promise<WorkloadResult> {
  const proxy = await startTcpProxy(serverUrl);
  const who = 'fieldA1';
  const deviceId = `ws-bench-${Date.now().toString(36)}`;
  const session = memorySessionSource(deviceId);
  const client = new SyncHttpClient({ baseUrl: proxy.url, session });
  const login = await client.login(usernameOf(who), TEST_PASSWORD);
  const store = await openUserStore({
    userId: PEOPLE[who].id,
    password: 'sandi-bench',
    deviceId,
    dexieOptions: { indexedDB: new IDBFactory(), IDBKeyRange },
    kdfParams: { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 },
  });
  try {
    await store.saveProfile(login.user);
    await store.saveDirectorySnapshot(
      (await client.sendJson('GET', '/sync/directory', undefined, z.unknown())).data,
    );
    const sync = new LocalSyncStore(store);
    const transport = new CountingTransport(client);
    const status = createSyncStatusStore();
    const engine = new SyncEngine({
      store: sync,
      transport,
      status: statusSinkOf(status),
      locks: createInProcessLockManager(),
      connectivity: manualConnectivity(true),
      channel: null,
    });
    // The cases (and earlier runs' reports) arrive over an unlimited link: only this trip is measured.
    await engine.start();
    await engine.whenIdle();
    const caseIds = (await store.db.cases.toCollection().primaryKeys()).map(String);
    if (caseIds.length < CASES) throw new Error(`expected ${CASES} cases, pulled ${caseIds.length}`);

    process.stderr.write(`${name}: writing ${REPORTS} reports locally…\n`);
    for (let i = 0; i < REPORTS; i += 1) await createReport(store, caseIds[i % caseIds.length]!, content());
    const pending = await sync.nextBatch(REPORTS, Number.MAX_SAFE_INTEGER);
    const meanGzipped =
      pending.reduce((sum, entry) => sum + gzipSync(JSON.stringify(entry.mutation)).byteLength, 0) /
      pending.length;
    const meanJson = pending.reduce((sum, entry) => sum + entry.bytes, 0) / pending.length;

    proxy.setFaults({ latencyMs: ONE_WAY_LATENCY_MS, bandwidthBytesPerSecond: BANDWIDTH_BYTES_PER_SECOND });
    // Open the connection before measuring, as a workstation that synced before would have it.
    await client.pull({ protocolVersion: PROTOCOL_VERSION, cursor: await sync.getCursor(), limit: 1 });
    transport.pushes.length = 0;
    transport.pulls.length = 0;
    proxy.resetStats();
    process.stderr.write(
      `${name}: syncing through ${(BANDWIDTH_BYTES_PER_SECOND * 8) / 1000} kbit/s, ${2 * ONE_WAY_LATENCY_MS} ms RTT…\n`,
    );

    const started = performance.now();
    let push: Phase | null = null;
    const unsubscribe = status.subscribe((state, previous) => {
      if (!push && previous.sync.phase === 'pushing' && state.sync.phase !== 'pushing') {
        const stats = proxy.stats();
        push = {
          ms: performance.now() - started,
          upstreamBytes: stats.upstreamBytes,
          downstreamBytes: stats.downstreamBytes,
        };
      }
    });
    const outcome = await engine.syncNow();
    const totalMs = performance.now() - started;
    unsubscribe();
    for (const batch of transport.pushes)
      process.stderr.write(
        `  push ${batch.count} mutations, ${batch.wireBytes} bytes gzipped, ${batch.ms.toFixed(0)} ms\n`,
      );
    if (outcome.kind !== 'synced' || outcome.pushed !== REPORTS)
      throw new Error(`sync did not complete: ${JSON.stringify(outcome)}`);
    const pushed = push as Phase | null;
    if (!pushed) throw new Error('push phase not observed');
    const total = proxy.stats();
    const pull: Phase = {
      ms: totalMs - pushed.ms,
      upstreamBytes: total.upstreamBytes - pushed.upstreamBytes,
      downstreamBytes: total.downstreamBytes - pushed.downstreamBytes,
    };
    await engine.stop();
    return {
      name,
      meanJson,
      meanGzipped,
      push: pushed,
      pull,
      batches: [...transport.pushes],
      pullPages: transport.pulls.length,
    };
  } finally {
    store.close();
    await proxy.close();
  }
}

function table(results: WorkloadResult[]): string {
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  const ideal = (phase: Phase) =>
    (Math.max(phase.upstreamBytes, phase.downstreamBytes) / BANDWIDTH_BYTES_PER_SECOND) * 1000;
  const rows: Array<[string, (r: WorkloadResult) => string, string]> = [
    [
      "a report's mutation: JSON, and gzipped alone (mean)",
      (r) => `${r.meanJson.toFixed(0)} B, ${r.meanGzipped.toFixed(0)} B`,
      '',
    ],
    [
      'bytes on the wire per report during the push (up + down)',
      (r) => `${((r.push.upstreamBytes + r.push.downstreamBytes) / REPORTS).toFixed(0)} B`,
      '',
    ],
    [
      "**ratio to the report's gzipped JSON**",
      (r) => `**${((r.push.upstreamBytes + r.push.downstreamBytes) / REPORTS / r.meanGzipped).toFixed(2)}×**`,
      '≤ 1.2×',
    ],
    [`push of ${REPORTS.toLocaleString('en')} reports: time`, (r) => s(r.push.ms), ''],
    ['push: bytes up / down', (r) => `${kib(r.push.upstreamBytes)} / ${kib(r.push.downstreamBytes)}`, ''],
    ['push: bytes / bandwidth (busier direction)', (r) => s(ideal(r.push)), ''],
    [
      '**push: time / (bytes / bandwidth)**',
      (r) => `**${(r.push.ms / ideal(r.push)).toFixed(2)}×**`,
      '≤ 1.3×',
    ],
    [
      'push: time / ((up + down) / bandwidth)',
      (r) =>
        `${(r.push.ms / (((r.push.upstreamBytes + r.push.downstreamBytes) / BANDWIDTH_BYTES_PER_SECOND) * 1000)).toFixed(2)}×`,
      '',
    ],
    ['batches: mutations each', (r) => r.batches.map((b) => b.count).join(', '), ''],
    ['batches: time each', (r) => r.batches.map((b) => s(b.ms)).join(', '), ''],
    [
      'pull afterwards (reports + audit events back): time, pages',
      (r) => `${s(r.pull.ms)}, ${r.pullPages}`,
      '',
    ],
    ['pull: bytes up / down', (r) => `${kib(r.pull.upstreamBytes)} / ${kib(r.pull.downstreamBytes)}`, ''],
    ['pull: time / (bytes / bandwidth)', (r) => `${(r.pull.ms / ideal(r.pull)).toFixed(2)}×`, ''],
  ];
  return [
    `| measure | ${results.map((r) => r.name).join(' | ')} | target |`,
    `|---|${results.map(() => '---|').join('')}---|`,
    ...rows.map(([label, value, target]) => `| ${label} | ${results.map(value).join(' | ')} | ${target} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const server = await spawnServer({ TINDAK_BENCH_CASES: String(CASES) });
  try {
    const results = [
      await runWorkload(server.url, 'sentences', reportContent),
      await runWorkload(server.url, 'random words', noisyReportContent),
    ];
    const markdown = `## Sync engine over a slow link (issue 4)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.

Rerun: \`BENCH_WRITE=1 npm run bench:sync\` (\`BENCH_REPORTS=200\` for a quick run).
The real engine (\`src/renderer/sync\`) and the real local store (\`src/renderer/db\`, Dexie on
fake-indexeddb in Node, encryption at rest on) push a field worker's ${REPORTS.toLocaleString('en')} handling
reports to the real server in its own process (PGlite), through \`tests/helpers/tcp-proxy.ts\`
set to **256 kbit/s each way and a ${2 * ONE_WAY_LATENCY_MS} ms round trip** (${ONE_WAY_LATENCY_MS} ms added each way;
each direction is one queue shared by all connections). The proxy counts bytes on the wire:
TCP payload both ways, HTTP headers included. Default engine settings; the connection is
open before the clock starts. One run per workload; on an earlier machine two runs differed by
up to 0.11 in the time ratios, so read the ratios to about ±0.1.

Two workloads: **sentences**, report text generated from Bahasa Indonesia sentence
templates with names, places, dates and amounts (as repetitive as one field worker's
reports tend to be, so a batch compresses far better than a report alone), and **random
words**, the same reports with their free text replaced by random syllable words, which
compress far less, alone or in a batch (the other end of the range: here the bytes, not the
round trips, take the time).

${table(results)}

Pushes are pipelined (since 2026-11-25): the engine sends the next batch while the previous
one's answer is on its way, naming the previous batch's last \`seq\` (\`after\`), and the
server applies it only once that batch has committed (docs/sync-protocol.md), so a device's
mutations still apply in order. The round trip, the server's transaction, the results coming
back and the local acknowledgement of one batch now overlap the upload of the next; "time
each" is from a batch's request to its answer, so with two in flight these overlap too. Before
pipelining, with batches strictly one after another, this bench measured 1.64× and 1.75× (AMD
EPYC, 2026-11-22) and 1.51× (Intel Xeon, 2026-11-25) for
sentences, 1.17–1.21× for random words. At most 500 mutations fit in one push (the protocol's
limit); the first batches are smaller, being sized before the engine has seen how well the
link's data compresses (\`src/renderer/sync/batch-sizer.ts\`).
`;
    process.stdout.write(markdown);
    if (process.env.BENCH_WRITE === '1')
      await writeBenchmarkSection('## Sync engine over a slow link (issue 4)', markdown);
  } finally {
    await server.kill();
  }
}

await main();
