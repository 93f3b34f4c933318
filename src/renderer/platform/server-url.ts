// The central server's address reaches the renderer as `?server=` (set by scripts/start.mjs
// in a browser, by main's renderer URL in Electron). It passes the same check as the address
// the sign-in screen saves (preload/schemas.ts): https, or http on this machine only, no
// credentials. A link that points the desk elsewhere over plain http is ignored.
import { serverUrlSchema } from '../../preload/schemas';

export function readServerUrl(search: string): string | null {
  const value = new URLSearchParams(search).get('server');
  if (!value) return null;
  const parsed = serverUrlSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
