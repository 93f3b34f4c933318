/**
 * The central server's address as the sign-in screen edits it: checked with the bridge's own
 * schema (https, or http on this machine only), with the reason in the officer's language.
 */
import { SERVER_URL_MESSAGE, serverUrlSchema } from '../../../preload/schemas';

export type ServerAddressCheck =
  | { readonly ok: true; readonly serverUrl: string }
  | { readonly ok: false; readonly message: string };

export function checkServerAddress(input: string, language: string): ServerAddressCheck {
  const parsed = serverUrlSchema.safeParse(input);
  if (parsed.success) return { ok: true, serverUrl: parsed.data };
  return { ok: false, message: language === 'en' ? SERVER_URL_MESSAGE.en : SERVER_URL_MESSAGE.id };
}

/**
 * Which address the desk uses: the one given in `?server=` (the launcher, or main from its
 * own saved setting) wins; otherwise the one saved through the platform's settings.
 */
export function effectiveServerUrl(fromQuery: string | null, saved: string | null): string | null {
  return fromQuery ?? saved;
}
