/**
 * HTTP Range requests (RFC 9110 §14) for attachment downloads, so a photo or a scanned KK
 * interrupted on a slow link continues where it stopped. Only single ranges are served: a
 * multi-range or malformed header is ignored and the whole file is sent, which the RFC allows.
 */

export type ByteRange =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const WHOLE: ByteRange = { kind: 'whole' };

/** `end` is inclusive, as in Content-Range. */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return WHOLE;
  const match = /^\s*bytes\s*=\s*(.*?)\s*$/i.exec(header);
  if (!match) return WHOLE;
  const spec = match[1] ?? '';
  if (spec.includes(',')) return WHOLE;

  const suffix = /^-(\d+)$/.exec(spec);
  if (suffix) {
    const length = Number(suffix[1]);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }

  const bounded = /^(\d+)-(\d*)$/.exec(spec);
  if (!bounded) return WHOLE;
  const start = Number(bounded[1]);
  const last = bounded[2] === '' || bounded[2] === undefined ? null : Number(bounded[2]);
  if (last !== null && last < start) return WHOLE;
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(last ?? size - 1, size - 1) };
}
