/**
 * A small seeded PRNG and the picks the seeders need, so one seed number gives the same demo
 * data on every machine (and the same ids, which is what makes seeding testable).
 *
 * sfc32 rather than mulberry32: a 128-bit state, so the random tail of the UUIDs made here does
 * not repeat within the hundreds of thousands of ids one large generation makes. Not for
 * secrets: passwords and keys come from node:crypto.
 */

export interface WeightedTable<T> {
  readonly items: readonly T[];
  /** Running totals of the weights, same order as `items`. */
  readonly cumulative: Float64Array;
  readonly total: number;
}

/** Builds a table once so each weighted pick is a binary search, not a pass over the weights. */
export function weightedTable<T>(entries: Iterable<readonly [T, number]>): WeightedTable<T> {
  const items: T[] = [];
  const weights: number[] = [];
  for (const [item, weight] of entries) {
    if (!(weight >= 0)) throw new RangeError(`weight must be ≥ 0, got ${weight}`);
    if (weight === 0) continue;
    items.push(item);
    weights.push(weight);
  }
  if (items.length === 0) throw new RangeError('a weighted table needs at least one positive weight');
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => {
    total += weight;
    cumulative[index] = total;
  });
  return { items, cumulative, total };
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** A float in [min, max) leaning towards min: most waits are short, a few are long. */
  skewed(min: number, max: number, power?: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(table: WeightedTable<T>): T;
  /** `count` distinct items (fewer when there are not enough), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A string of `length` decimal digits. */
  digits(length: number): string;
  /** A UUIDv7 for the instant `ms`, its random bits drawn from this generator. */
  uuidv7(ms: number): string;
  /** The generator's state, to replay the same draws later (see `restore`). */
  save(): RandomState;
  restore(state: RandomState): void;
}

export type RandomState = readonly [number, number, number, number];

/** Mixes numbers into one 32-bit seed (splitmix32 finaliser), for sub-generators. */
export function deriveSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Numbers above 2^32 (offsets of large stores) contribute their high part too.
    h = (h + Math.floor(part / 0x1_0000_0000)) | 0;
  }
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();

  const uint32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator).
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = () => uint32() / 0x1_0000_0000;
  // Mix in a few rounds so nearby seeds (1, 2, 3) do not start on similar sequences.
  for (let i = 0; i < 12; i += 1) uint32();

  const random: Random = {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    skewed: (min, max, power = 2) => min + next() ** power * (max - min),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(table: WeightedTable<T>): T {
      const target = next() * table.total;
      let low = 0;
      let high = table.cumulative.length - 1;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((table.cumulative[mid] as number) > target) high = mid;
        else low = mid + 1;
      }
      return table.items[low] as T;
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < count && pool.length > 0) {
        const index = Math.floor(next() * pool.length);
        out.push(pool[index] as T);
        pool[index] = pool[pool.length - 1] as T;
        pool.pop();
      }
      return out;
    },
    digits(length) {
      let out = '';
      while (out.length < length) out += String(uint32() % 1_000_000_000).padStart(9, '0');
      return out.slice(0, length);
    },
    uuidv7(ms) {
      const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
      const x = uint32();
      const randA = (x >>> 20).toString(16).padStart(3, '0');
      const variant = (0x8000 | (x & 0x3fff)).toString(16);
      const tail = hex8(uint32()) + hex8(uint32()).slice(0, 4);
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randA}-${variant}-${tail}`;
    },
    save: () => [a, b, c, d],
    restore(state) {
      [a, b, c, d] = state;
    },
  };
  return random;
}
