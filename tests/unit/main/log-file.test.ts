// The log file over a real temporary folder: personal data masked on the way in, rotation.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src/main/logging/log-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tindak-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('file logger', () => {
  it('writes JSON lines with personal data masked, in userData/logs', async () => {
    const path = join(dir, 'logs', 'tindak.log');
    const logger = createFileLogger({ filePath: path, now: () => new Date('2026-11-25T03:00:00Z') });
    logger.log('info', 'push of 3174012345678901 from 081234567890 failed', {
      reporter: {
        name: 'Siti Aminah',
        nik: '3174012345678901',
        phone: '081234567890',
        address: 'Jl. Melati 5',
      },
      refreshToken: 'rt-secret',
      note: 'KK 3174019876543210',
    });
    await logger.flush();
    const text = await readFile(path, 'utf8');
    for (const secret of [
      '3174012345678901',
      '081234567890',
      'Siti Aminah',
      'Jl. Melati',
      'rt-secret',
      '3174019876543210',
    ]) {
      expect(text).not.toContain(secret);
    }
    const [entry] = await lines(path);
    expect(entry).toMatchObject({
      time: '2026-11-25T03:00:00.000Z',
      level: 'info',
      details: {
        reporter: { name: 'S*** A*****', nik: '3174**********01', address: '[hidden]' },
        refreshToken: '[hidden]',
      },
    });
  });

  it('logs errors with their message and stack, masked too', async () => {
    const path = join(dir, 'tindak.log');
    const logger = createFileLogger({ filePath: path });
    logger.log('error', 'sync failed', new Error('reporter 3174012345678901 rejected'));
    await logger.flush();
    const [entry] = await lines(path);
    expect(entry?.['details']).toMatchObject({
      errorName: 'Error',
      message: 'reporter 3174**********01 rejected',
    });
  });

  it('rotates the file once it passes the size limit, keeping one old file', async () => {
    const path = join(dir, 'tindak.log');
    const logger = createFileLogger({ filePath: path, maxBytes: 300 });
    for (let i = 0; i < 6; i += 1) logger.log('info', `line ${i} ${'x'.repeat(60)}`);
    await logger.flush();
    const current = await lines(path);
    const previous = await lines(`${path}.1`);
    expect(current.length).toBeGreaterThan(0);
    expect(previous.length).toBeGreaterThan(0);
    expect(String(current.at(-1)?.['message'])).toMatch(/^line 5/);
    expect(current.length + previous.length).toBeLessThan(6);
  });
});
