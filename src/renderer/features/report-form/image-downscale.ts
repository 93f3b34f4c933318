/**
 * Large photos are downscaled before they are saved: a field worker's 12-megapixel photo
 * becomes a JPEG of at most 1,600 px on its long side, which is plenty for a report and
 * uploads in seconds rather than minutes on a slow link. PDFs and small images pass as they are.
 */
export const MAX_IMAGE_SIDE = 1600;

export function scaledSize(
  width: number,
  height: number,
  maxSide = MAX_IMAGE_SIDE,
): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const ratio = maxSide / longest;
  return { width: Math.round(width * ratio), height: Math.round(height * ratio) };
}

export async function preparedFileBytes(
  file: File,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; mimeType: string; fileName: string }> {
  const original = {
    bytes: new Uint8Array(await file.arrayBuffer()),
    mimeType: file.type,
    fileName: file.name,
  };
  if (
    !file.type.startsWith('image/') ||
    typeof createImageBitmap !== 'function' ||
    typeof OffscreenCanvas !== 'function'
  )
    return original;
  const bitmap = await createImageBitmap(file);
  const size = scaledSize(bitmap.width, bitmap.height);
  if (size.width === bitmap.width && size.height === bitmap.height) {
    bitmap.close();
    return original;
  }
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  if (!context) {
    bitmap.close();
    return original;
  }
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return {
    bytes: new Uint8Array(await blob.arrayBuffer()),
    mimeType: 'image/jpeg',
    fileName: file.name.replace(/\.[^.]+$/, '') + '.jpg',
  };
}
