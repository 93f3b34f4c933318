import { describe, expect, it } from 'vitest';
import { SERVER_URL_MESSAGE } from '../../../../src/preload/schemas';
import {
  checkServerAddress,
  effectiveServerUrl,
} from '../../../../src/renderer/features/session/server-address';

describe('the server address on the sign-in screen', () => {
  it('takes https anywhere and http on this machine only, stored normalised', () => {
    expect(checkServerAddress(' https://tindak.kemensos.go.id ', 'id')).toEqual({
      ok: true,
      serverUrl: 'https://tindak.kemensos.go.id/',
    });
    expect(checkServerAddress('http://127.0.0.1:8080', 'id')).toEqual({
      ok: true,
      serverUrl: 'http://127.0.0.1:8080/',
    });
    expect(checkServerAddress('http://localhost:3000/', 'id').ok).toBe(true);
  });

  it('refuses plain http elsewhere, credentials and non-addresses, in the officer’s language', () => {
    const refused = [
      'http://tindak.kemensos.go.id',
      'https://user:pw@tindak.go.id',
      'tindak.go.id',
      '',
      'ftp://x',
    ];
    for (const bad of refused)
      expect(checkServerAddress(bad, 'id')).toEqual({ ok: false, message: SERVER_URL_MESSAGE.id });
    expect(checkServerAddress('http://10.0.0.5', 'en')).toEqual({
      ok: false,
      message: SERVER_URL_MESSAGE.en,
    });
    expect(SERVER_URL_MESSAGE.id).toMatch(/^Alamat server harus diawali https:\/\//);
  });

  it('prefers the address given at launch over the saved one', () => {
    expect(effectiveServerUrl('https://a.go.id/', 'https://b.go.id/')).toBe('https://a.go.id/');
    expect(effectiveServerUrl(null, 'https://b.go.id/')).toBe('https://b.go.id/');
    expect(effectiveServerUrl(null, null)).toBeNull();
  });
});
