import { describe, expect, it } from 'vitest';
import { resolveRendererUrl } from '../../../src/main/renderer-url';
import { isAppUrl } from '../../../src/main/security';

describe('isAppUrl', () => {
  it('accepts only the one built index.html over file://', () => {
    const app = 'file:///opt/tindak/out/renderer/index.html';
    expect(isAppUrl('file:///opt/tindak/out/renderer/index.html#/kasus/1', app)).toBe(true);
    expect(isAppUrl('file:///opt/tindak/out/renderer/other.html', app)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('https://opt/tindak/out/renderer/index.html', app)).toBe(false);
  });

  it('accepts the dev server origin and nothing else', () => {
    const app = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/any/path?x=1', app)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', app)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', app)).toBe(false);
    expect(isAppUrl('http://evil.example/', app)).toBe(false);
  });

  it('rejects what is not a URL', () => {
    expect(isAppUrl('not a url', 'http://localhost:5173/')).toBe(false);
  });
});

describe('resolveRendererUrl', () => {
  it('loads the built file when there is no dev server', () => {
    expect(
      resolveRendererUrl({
        devServerUrl: undefined,
        rendererHtmlPath: '/opt/tindak/out/renderer/index.html',
        serverUrl: undefined,
      }),
    ).toBe('file:///opt/tindak/out/renderer/index.html');
  });

  it('prefers the dev server and passes the central server as ?server=', () => {
    const url = new URL(
      resolveRendererUrl({
        devServerUrl: 'http://localhost:5173/',
        rendererHtmlPath: '/ignored/index.html',
        serverUrl: 'http://127.0.0.1:8787',
      }),
    );
    expect(url.origin).toBe('http://localhost:5173');
    expect(url.searchParams.get('server')).toBe('http://127.0.0.1:8787');
  });
});
