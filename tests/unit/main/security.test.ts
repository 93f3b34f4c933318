// Navigation, redirect, window-open, webview and permission handlers, with Electron's
// WebContents and Session faked at the narrow interfaces src/main/security.ts declares.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../src/main/app-protocol';
import { CONTENT_SECURITY_POLICY, parseCsp } from '../../../src/main/csp';
import { createExternalLinkOpener } from '../../../src/main/external-links';
import { resolveRendererUrl } from '../../../src/main/renderer-url';
import {
  hardenWebContents,
  isAppUrl,
  restrictPermissions,
  type HardenableContents,
  type PermissionSession,
} from '../../../src/main/security';
import { checkExternalUrl } from '../../../src/preload/schemas';

type Listener = (event: { preventDefault(): void }, url: string) => void;

/** A WebContents stand-in that records handlers and replays navigation attempts. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: HardenableContents = {
    setWindowOpenHandler: (handler) => {
      windowOpenHandler = handler;
    },
    on: (event: string, listener: Listener) => listeners.set(event, listener),
  };
  /** Whether the app let the event through (true) or prevented it (false). */
  const attempt = (event: string, url?: string): boolean => {
    const preventDefault = vi.fn();
    const listener = listeners.get(event);
    if (!listener) throw new Error(`no ${event} listener`);
    listener({ preventDefault }, url ?? '');
    return preventDefault.mock.calls.length === 0;
  };
  const openWindow = (url: string) => windowOpenHandler?.({ url });
  return { contents, attempt, openWindow };
}

describe('isAppUrl', () => {
  it('accepts the app:// origin, whatever the path, query or hash', () => {
    expect(isAppUrl('app://tindak/index.html?server=x#/kasus/1', APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://tindak/assets/index.js', APP_ENTRY_URL)).toBe(true);
  });

  it('rejects other hosts, schemes and file: pages', () => {
    expect(isAppUrl('app://evil/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('https://tindak/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP_ENTRY_URL)).toBe(false);
    expect(isAppUrl('file:///a/index.html', 'file:///a/index.html')).toBe(false);
    expect(isAppUrl('not a url', APP_ENTRY_URL)).toBe(false);
  });

  it('accepts the dev server origin and nothing else', () => {
    const app = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/any/path?x=1', app)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', app)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', app)).toBe(false);
    expect(isAppUrl('http://evil.example/', app)).toBe(false);
  });
});

describe('resolveRendererUrl', () => {
  it('serves the built app from app:// when there is no dev server', () => {
    expect(resolveRendererUrl({ devServerUrl: undefined, serverUrl: null })).toBe('app://tindak/index.html');
  });

  it('prefers the dev server and passes the central server as ?server=', () => {
    const url = new URL(
      resolveRendererUrl({ devServerUrl: 'http://localhost:5173/', serverUrl: 'http://127.0.0.1:8787' }),
    );
    expect(url.origin).toBe('http://localhost:5173');
    expect(url.searchParams.get('server')).toBe('http://127.0.0.1:8787');
  });
});

describe('hardenWebContents', () => {
  function setUp() {
    const fake = fakeContents();
    const openInBrowser = vi.fn((_url: string) => Promise.resolve());
    const onRefused = vi.fn();
    hardenWebContents(
      fake.contents,
      'app://tindak/index.html',
      createExternalLinkOpener({ openInBrowser, onRefused }),
    );
    return { ...fake, openInBrowser, onRefused };
  }

  it('lets the app navigate within its own origin', () => {
    const { attempt } = setUp();
    expect(attempt('will-navigate', 'app://tindak/index.html#/kasus')).toBe(true);
    expect(attempt('will-redirect', 'app://tindak/index.html')).toBe(true);
  });

  it('blocks navigation and redirects anywhere else', () => {
    const { attempt } = setUp();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/',
      'javascript:alert(1)',
      'data:text/html,x',
    ]) {
      expect(attempt('will-navigate', url)).toBe(false);
      expect(attempt('will-redirect', url)).toBe(false);
    }
  });

  it('blocks every navigation to a foreign origin (fuzzed)', () => {
    const { attempt } = setUp();
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(attempt('will-navigate', url)).toBe(false);
      }),
    );
  });

  it('never attaches a <webview>', () => {
    expect(setUp().attempt('will-attach-webview')).toBe(false);
  });

  it('denies every new window; an https link goes to the system browser instead', async () => {
    const { openWindow, openInBrowser, onRefused } = setUp();
    expect(openWindow('https://www.lapor.go.id/')).toEqual({ action: 'deny' });
    expect(openWindow('http://www.lapor.go.id/')).toEqual({ action: 'deny' });
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(onRefused).toHaveBeenCalledTimes(2));
    expect(openInBrowser.mock.calls).toEqual([['https://www.lapor.go.id/']]);
  });
});

describe('external links', () => {
  it('opens https links only', () => {
    expect(checkExternalUrl('https://www.lapor.go.id/instansi')).toBe('https://www.lapor.go.id/instansi');
    for (const url of [
      'http://www.lapor.go.id/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-settings:',
      'https://lapor.go.id@evil.example/',
      'https://user:pw@lapor.go.id/',
      '//evil.example/',
      '',
    ]) {
      expect(checkExternalUrl(url), url).toBeNull();
    }
  });

  it('never passes anything but a parsed https URL to the system (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (candidate) => {
          const url = checkExternalUrl(candidate);
          if (url !== null) {
            const parsed = new URL(url);
            expect(parsed.protocol).toBe('https:');
            expect(parsed.username).toBe('');
          }
        },
      ),
    );
  });

  it('hands only the checked URL to shell.openExternal', async () => {
    const openInBrowser = vi.fn((_url: string) => Promise.resolve());
    const onRefused = vi.fn();
    const open = createExternalLinkOpener({ openInBrowser, onRefused });
    await expect(open('https://LAPOR.go.id/a b')).resolves.toBe(true);
    await expect(open('http://lapor.go.id/')).resolves.toBe(false);
    expect(openInBrowser.mock.calls).toEqual([['https://lapor.go.id/a%20b']]);
    expect(onRefused).toHaveBeenCalledWith('http://lapor.go.id/');
  });
});

describe('permissions', () => {
  function setUp() {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    let device: Parameters<PermissionSession['setDevicePermissionHandler']>[0] | undefined;
    restrictPermissions(
      {
        setPermissionRequestHandler: (handler) => {
          request = handler;
        },
        setPermissionCheckHandler: (handler) => {
          check = handler;
        },
        setDevicePermissionHandler: (handler) => {
          device = handler;
        },
      },
      APP_ENTRY_URL,
    );
    const isRequestGranted = (permission: string, requestingUrl: string): boolean => {
      let answer: boolean | undefined;
      request?.(null, permission, (isGranted) => (answer = isGranted), { requestingUrl });
      if (answer === undefined) throw new Error('the request handler did not answer');
      return answer;
    };
    const isCheckGranted = (permission: string, origin: string): boolean =>
      check?.(null, permission, origin) ?? true;
    const isDeviceGranted = (): boolean => device?.() ?? true;
    return { isRequestGranted, isCheckGranted, isDeviceGranted };
  }

  it('denies everything the app does not use', () => {
    const { isRequestGranted, isCheckGranted } = setUp();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'idle-detection',
      'unknown',
    ]) {
      expect(isRequestGranted(permission, 'app://tindak/index.html'), permission).toBe(false);
      expect(isCheckGranted(permission, 'app://tindak'), permission).toBe(false);
    }
  });

  it('hands no USB, HID or serial device to any page', () => {
    expect(setUp().isDeviceGranted()).toBe(false);
  });

  it('allows copying to the clipboard from the app page only', () => {
    const { isRequestGranted, isCheckGranted } = setUp();
    expect(isRequestGranted('clipboard-sanitized-write', 'app://tindak/index.html')).toBe(true);
    expect(isCheckGranted('clipboard-sanitized-write', 'app://tindak')).toBe(true);
    expect(isRequestGranted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const policy = parseCsp(CONTENT_SECURITY_POLICY);

  it("runs scripts from the app itself only: script-src 'self', no eval, no inline", () => {
    const scripts = policy.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts.filter((source) => source !== "'self'" && source !== "'wasm-unsafe-eval'")).toEqual([]);
  });

  it('falls back to self and forbids plugins, frames, base and form targets', () => {
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('connects only to itself, https servers and this machine', () => {
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https:',
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
  });
});
