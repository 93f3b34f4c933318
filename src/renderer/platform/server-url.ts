// The central server's address reaches the renderer as `?server=` (set by scripts/start.mjs
// in a browser, by main's renderer URL in Electron). Only http(s) URLs are accepted.

export function readServerUrl(search: string): string | null {
  const value = new URLSearchParams(search).get('server');
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
