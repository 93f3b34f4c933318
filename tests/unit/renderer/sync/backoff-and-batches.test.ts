/**
 * The engine's two small policies: retry delays (exponential, full jitter, capped) and batch
 * bounds (halve after a timeout, grow by a quarter after a full success, within [1, 500], and
 * the compressed budget turned into the store's JSON budget by the observed ratio).
 */
import { describe, expect, it } from 'vitest';
import { BatchSizer, fullJitterDelay } from '../../../../src/renderer/sync';

describe('full-jitter backoff', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('waits a uniform share of a ceiling that doubles with every attempt', () => {
    expect(fullJitterDelay(1, policy, () => 0.5)).toBe(500);
    expect(fullJitterDelay(2, policy, () => 0.5)).toBe(1_000);
    expect(fullJitterDelay(4, policy, () => 0.5)).toBe(4_000);
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(3, policy, () => 0.999_999)).toBe(3_999);
  });

  it('never exceeds the cap, however many attempts failed', () => {
    expect(fullJitterDelay(7, policy, () => 0.999_999)).toBe(59_999);
    expect(fullJitterDelay(1_000, policy, () => 0.999_999)).toBe(59_999);
  });

  it('spreads many clients over the whole window', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const delays = Array.from({ length: 1_000 }, () => fullJitterDelay(3, policy, random));
    expect(Math.min(...delays)).toBeLessThan(200);
    expect(Math.max(...delays)).toBeGreaterThan(3_800);
  });
});

describe('batch sizer', () => {
  it('halves count and bytes after a timeout, down to one mutation', () => {
    const sizer = new BatchSizer({ initialCount: 100, initialCompressedBytes: 64 * 1024 });
    sizer.onTimeout(100);
    expect(sizer.snapshot()).toMatchObject({ count: 50, compressedBytes: 32 * 1024 });
    for (let i = 0; i < 20; i += 1) sizer.onTimeout();
    expect(sizer.snapshot().count).toBe(1);
    expect(sizer.snapshot().compressedBytes).toBe(2 * 1024);
  });

  it('halves from what was actually sent when the batch was smaller than the bound', () => {
    const sizer = new BatchSizer({ initialCount: 100 });
    sizer.onTimeout(10);
    expect(sizer.snapshot().count).toBe(5);
  });

  it('grows by a quarter after a success that filled the batch, up to 500', () => {
    const sizer = new BatchSizer({ initialCount: 100, initialCompressedBytes: 64 * 1024 });
    sizer.onSuccess({ count: 100, jsonBytes: 1_000 });
    expect(sizer.snapshot()).toMatchObject({ count: 125, compressedBytes: 80 * 1024 });
    for (let i = 0; i < 30; i += 1) sizer.onSuccess({ count: sizer.limits().count, jsonBytes: 0 });
    expect(sizer.snapshot().count).toBe(500);
    expect(sizer.snapshot().compressedBytes).toBe(1024 * 1024);
  });

  it('does not grow after a batch that did not fill its bounds', () => {
    const sizer = new BatchSizer({ initialCount: 100 });
    sizer.onSuccess({ count: 3, jsonBytes: 900 });
    expect(sizer.snapshot().count).toBe(100);
  });

  it('turns the compressed budget into a JSON budget with the observed ratio, under the server limit', () => {
    const sizer = new BatchSizer({ initialCompressedBytes: 64 * 1024, initialCompressionRatio: 0.5 });
    expect(sizer.limits().jsonBytes).toBe(128 * 1024);
    for (let i = 0; i < 30; i += 1) sizer.observeCompression(10_000, 1_000);
    expect(sizer.snapshot().compressionRatio).toBeCloseTo(0.1, 2);
    expect(sizer.limits().jsonBytes).toBeGreaterThan(600 * 1024);
    expect(sizer.estimateCompressed(10_000)).toBeLessThan(1_100);
    const huge = new BatchSizer({ initialCompressedBytes: 1024 * 1024, initialCompressionRatio: 0.01 });
    expect(huge.limits().jsonBytes).toBeLessThan(4 * 1024 * 1024);
  });
});
