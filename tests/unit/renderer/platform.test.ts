import { describe, expect, it } from 'vitest';
import type { TindakBridge } from '../../../src/preload/api';
import { getPlatform } from '../../../src/renderer/platform';
import { readServerUrl } from '../../../src/renderer/platform/server-url';

const electronBridge: TindakBridge = {
  kind: 'electron',
  app: { getInfo: () => Promise.resolve({ version: '0.1.0', platform: 'linux' }) },
};

describe('getPlatform', () => {
  it('uses the Electron bridge when the preload provided one', () => {
    expect(getPlatform({ tindak: electronBridge }, { version: '9.9.9' })).toBe(electronBridge);
  });

  it('falls back to the browser platform in a plain browser', async () => {
    const platform = getPlatform({}, { version: '0.1.0' });
    expect(platform.kind).toBe('browser');
    await expect(platform.app.getInfo()).resolves.toEqual({ version: '0.1.0', platform: 'browser' });
  });

  it('refuses a bridge of the wrong shape instead of failing later', () => {
    expect(() => getPlatform({ tindak: { kind: 'electron' } }, { version: '0.1.0' })).toThrow(
      /rebuild the app/,
    );
  });
});

describe('readServerUrl', () => {
  it('reads an http(s) ?server= address', () => {
    expect(readServerUrl('?server=http%3A%2F%2F127.0.0.1%3A8787')).toBe('http://127.0.0.1:8787/');
    expect(readServerUrl('?server=https://lapor.example.go.id/api')).toBe('https://lapor.example.go.id/api');
  });

  it('ignores a missing or unusable address', () => {
    expect(readServerUrl('')).toBeNull();
    expect(readServerUrl('?server=')).toBeNull();
    expect(readServerUrl('?server=javascript:alert(1)')).toBeNull();
    expect(readServerUrl('?server=not a url')).toBeNull();
  });
});
