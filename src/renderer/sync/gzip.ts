/**
 * Request bodies travel gzip-compressed (`Content-Encoding: gzip`) when that is worth it. Uses
 * the platform's CompressionStream, present in Chromium, Electron and Node 18+.
 */

/** Below this many bytes gzip's header and trailer eat the gain. */
export const COMPRESS_ABOVE_BYTES = 1024;

export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
