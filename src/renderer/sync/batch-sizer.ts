/**
 * How much one push may carry, adapting to the link: the batch is bounded by a count (1–500,
 * the server's limit) and by its compressed size. A timeout halves both; a success that filled
 * the batch grows both by a quarter. A batch that did not fill its bounds says nothing about
 * the link, so it leaves them alone (otherwise an idle day of one-item pushes would grow the
 * bounds untested and the first backlog would go out in one oversized batch).
 *
 * The store sizes batches by the mutations' JSON bytes, so the compressed budget is turned
 * into a JSON budget with the compression ratio observed so far.
 */
import { LIMITS } from '../../shared';

export interface BatchSizerOptions {
  initialCount: number;
  minCount: number;
  maxCount: number;
  initialCompressedBytes: number;
  minCompressedBytes: number;
  maxCompressedBytes: number;
  /** Factor applied after a success that filled the batch. */
  growth: number;
  /** First guess of compressed / JSON bytes, before any batch was compressed. */
  initialCompressionRatio: number;
  /** The JSON budget never exceeds this, to stay under the server's decompressed limit. */
  maxJsonBytes: number;
}

export const DEFAULT_BATCH_SIZER_OPTIONS: BatchSizerOptions = {
  // The compressed-size bound is what protects a slow link; the count bound only keeps the
  // server's transaction (and a lost answer's resend) at the protocol's 500.
  initialCount: LIMITS.maxBatchMutations,
  minCount: 1,
  maxCount: LIMITS.maxBatchMutations,
  initialCompressedBytes: 64 * 1024,
  minCompressedBytes: 2 * 1024,
  maxCompressedBytes: 1024 * 1024,
  growth: 1.25,
  initialCompressionRatio: 0.35,
  // Headroom under the 4 MiB limit for the envelope around the mutations.
  maxJsonBytes: LIMITS.maxBatchBytes - 256 * 1024,
};

export interface BatchLimits {
  count: number;
  /** Budget in the store's unit: the mutations' JSON bytes. */
  jsonBytes: number;
}

export class BatchSizer {
  private count: number;
  private compressedBytes: number;
  private compressionRatio: number;
  private hasObservedCompression = false;
  private readonly options: BatchSizerOptions;

  constructor(options: Partial<BatchSizerOptions> = {}) {
    this.options = { ...DEFAULT_BATCH_SIZER_OPTIONS, ...options };
    this.count = clamp(this.options.initialCount, this.options.minCount, this.options.maxCount);
    this.compressedBytes = clamp(
      this.options.initialCompressedBytes,
      this.options.minCompressedBytes,
      this.options.maxCompressedBytes,
    );
    this.compressionRatio = this.options.initialCompressionRatio;
  }

  limits(): BatchLimits {
    const jsonBytes = Math.min(
      this.options.maxJsonBytes,
      Math.floor(this.compressedBytes / this.compressionRatio),
    );
    return { count: this.count, jsonBytes: Math.max(1, jsonBytes) };
  }

  /** Current bounds, for status and tests. */
  snapshot(): { count: number; compressedBytes: number; compressionRatio: number } {
    return {
      count: this.count,
      compressedBytes: this.compressedBytes,
      compressionRatio: this.compressionRatio,
    };
  }

  /**
   * Records how well a body compressed: the first observation replaces the guess, later ones
   * move a running average, so one odd batch does not swing it.
   */
  observeCompression(jsonBytes: number, compressedBytes: number): void {
    if (jsonBytes <= 0 || compressedBytes <= 0) return;
    const ratio = Math.min(1, compressedBytes / jsonBytes);
    this.compressionRatio = this.hasObservedCompression ? 0.7 * this.compressionRatio + 0.3 * ratio : ratio;
    this.hasObservedCompression = true;
  }

  /** The estimated compressed size of `jsonBytes` of mutations. */
  estimateCompressed(jsonBytes: number): number {
    return Math.ceil(jsonBytes * this.compressionRatio);
  }

  onSuccess(sent: { count: number; jsonBytes: number }): void {
    const limits = this.limits();
    const wasFull = sent.count >= limits.count || sent.jsonBytes >= limits.jsonBytes * 0.8;
    if (!wasFull) return;
    this.count = clamp(
      Math.ceil(this.count * this.options.growth),
      this.options.minCount,
      this.options.maxCount,
    );
    this.compressedBytes = clamp(
      Math.ceil(this.compressedBytes * this.options.growth),
      this.options.minCompressedBytes,
      this.options.maxCompressedBytes,
    );
  }

  /** A timeout or a 413: the next batch carries half. */
  onTimeout(sentCount: number = this.count): void {
    this.count = clamp(
      Math.floor(Math.min(this.count, sentCount) / 2),
      this.options.minCount,
      this.options.maxCount,
    );
    this.compressedBytes = clamp(
      Math.floor(this.compressedBytes / 2),
      this.options.minCompressedBytes,
      this.options.maxCompressedBytes,
    );
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
