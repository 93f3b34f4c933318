// Every IPC channel main registers, driven through a stand-in for ipcMain the way a page would
// call it: names, sender-origin checks, argument validation (fuzzed), and what reaches the
// feature modules behind the handlers.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { registerIpc, type IpcDeps } from '../../../src/main/ipc';
import type { InvokeEventLike, IpcHandlerRegistry } from '../../../src/main/ipc/handle';
import { isAppUrl } from '../../../src/main/security';
import { BRIDGE_METHODS } from '../../../src/preload/api';
import { IPC_CHANNELS } from '../../../src/preload/channels';
import {
  exportRequestSchema,
  externalUrlSchema,
  logEntrySchema,
  overdueNoticeSchema,
  printableDocumentSchema,
  secretRefSchema,
  secretValueSchema,
  settingsSchema,
  syncFinishedSchema,
  uiLanguageSchema,
  unsentCountSchema,
  type PrintableDocument,
} from '../../../src/preload/schemas';

const APP_PAGE = 'app://tindak/index.html';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const registry: IpcHandlerRegistry = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`${channel} registered twice`);
      handlers.set(channel, listener);
    },
  };
  const invokeFrom = async (
    senderUrl: string | null,
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  };
  return {
    registry,
    handlers,
    invokeFrom,
    invoke: (channel: string, ...args: unknown[]) => invokeFrom(APP_PAGE, channel, ...args),
  };
}

/** Every feature module behind IPC as a spy, so the tests see exactly what reached them. */
function fakeDeps() {
  return {
    getInfo: vi.fn(() => ({ version: '0.1.0', platform: 'linux' })),
    vault: {
      status: vi.fn(() => ({ isAvailable: true as const, backend: 'gnome_libsecret' })),
      put: vi.fn(() => Promise.resolve({ ok: true as const })),
      get: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
      delete: vi.fn(() => Promise.resolve({ ok: true as const })),
    },
    settings: {
      get: vi.fn(() => Promise.resolve({ serverUrl: null })),
      set: vi.fn((settings: { serverUrl: string | null }) => Promise.resolve(settings)),
    },
    saver: { save: vi.fn(() => Promise.resolve({ outcome: 'cancelled' as const })) },
    renderPdf: vi.fn((_html: string) => Promise.resolve(new Uint8Array([37, 80, 68, 70]))),
    status: { setUnsentCount: vi.fn(), notifySyncFinished: vi.fn(), notifyOverdue: vi.fn() },
    openExternalLink: vi.fn((url: string) => Promise.resolve(url.startsWith('https://'))),
    logger: { log: vi.fn(), flush: vi.fn(() => Promise.resolve()) },
  } satisfies IpcDeps;
}

function setUp() {
  const ipc = fakeIpcMain();
  const deps = fakeDeps();
  const refusals: string[] = [];
  registerIpc(
    {
      ipc: ipc.registry,
      isTrustedSender: (url) => isAppUrl(url, APP_PAGE),
      onRefused: (refusal) => refusals.push(refusal.message),
    },
    deps,
  );
  return { ...ipc, deps, refusals };
}

const allChannels = Object.values(IPC_CHANNELS).flatMap((feature) => Object.values(feature) as string[]);

const document: PrintableDocument = {
  kind: 'caseSummary',
  language: 'id',
  letterhead: {
    organisation: 'Kementerian Sosial Republik Indonesia',
    unit: 'Biro Humas',
    address: 'Jakarta',
  },
  title: 'Ringkasan Kasus',
  reference: 'LAP-2026/0001',
  fields: [{ label: 'Topik', value: 'PKH <script>alert(1)</script>' }],
  sections: [{ heading: 'Tindak lanjut', body: 'Dikunjungi.\n\nSelesai.' }],
  printedAt: '25 November 2026 10.00 WIB',
};

/** The schemas of each channel's arguments, as main declares them; a channel missing here fails a test. */
const ARGUMENT_SCHEMAS: Readonly<Record<string, readonly z.ZodType[]>> = {
  'app:getInfo': [],
  'vault:status': [],
  'vault:put': [secretRefSchema, secretValueSchema],
  'vault:get': [secretRefSchema],
  'vault:delete': [secretRefSchema],
  'settings:get': [],
  'settings:set': [settingsSchema],
  'files:saveExport': [exportRequestSchema],
  'print:toPdf': [printableDocumentSchema],
  'status:setUnsentCount': [unsentCountSchema, uiLanguageSchema],
  'status:notifySyncFinished': [syncFinishedSchema],
  'status:notifyOverdue': [overdueNoticeSchema],
  'shell:openExternal': [externalUrlSchema],
  'log:write': [logEntrySchema],
};

/** A valid argument list for each channel. */
const VALID_ARGS: Readonly<Record<string, readonly unknown[]>> = {
  'app:getInfo': [],
  'vault:status': [],
  'vault:put': [{ kind: 'refreshToken', account: 'liaison.pusat' }, 'token-value'],
  'vault:get': [{ kind: 'wrappedKeys', account: 'liaison.pusat' }],
  'vault:delete': [{ kind: 'refreshToken', account: 'liaison.pusat' }],
  'settings:get': [],
  'settings:set': [{ serverUrl: 'https://tindak.kemensos.go.id' }],
  'files:saveExport': [{ suggestedName: 'kasus-2026.csv', format: 'csv', content: 'a,b\n1,2\n' }],
  'print:toPdf': [document],
  'status:setUnsentCount': [3, 'en'],
  'status:notifySyncFinished': [{ language: 'id', wasOffline: true, sentCount: 2, receivedCount: 5 }],
  'status:notifyOverdue': [{ language: 'id', count: 1, firstReference: 'LAP-1' }],
  'shell:openExternal': ['https://www.lapor.go.id/'],
  'log:write': [{ level: 'info', message: 'synced' }],
};

describe('IPC channels', () => {
  it('registers exactly the channels the preload invokes, each named feature:verb of a bridge feature', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual([...allChannels].sort());
    for (const channel of handlers.keys()) {
      const [feature, verb] = channel.split(':');
      expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
      expect(Object.keys(BRIDGE_METHODS)).toContain(feature);
      expect(BRIDGE_METHODS[feature as keyof typeof BRIDGE_METHODS]).toContain(verb);
    }
  });

  it('answers the app page with valid arguments on every channel', async () => {
    const { invoke, deps } = setUp();
    for (const channel of allChannels) await invoke(channel, ...(VALID_ARGS[channel] ?? []));
    expect(deps.vault.put).toHaveBeenCalledWith(
      { kind: 'refreshToken', account: 'liaison.pusat' },
      'token-value',
    );
    expect(deps.status.notifySyncFinished).toHaveBeenCalledWith({
      language: 'id',
      wasOffline: true,
      sentCount: 2,
      receivedCount: 5,
    });
  });

  it.each(allChannels)(
    '%s refuses foreign origins and vanished frames before doing anything',
    async (channel) => {
      const { invokeFrom, deps, refusals } = setUp();
      const args = VALID_ARGS[channel] ?? [];
      for (const sender of [
        'https://evil.example/',
        'app://evil/index.html',
        'file:///opt/tindak/out/renderer/index.html',
        'http://localhost:5173/',
        'data:text/html,x',
        null,
      ]) {
        await expect(invokeFrom(sender, channel, ...args), String(sender)).rejects.toThrow(
          /did not come from the Tindak window/,
        );
      }
      expect(refusals).toHaveLength(6);
      expect(refusals.every((message) => message.startsWith(`IPC ${channel} refused`))).toBe(true);
      const calls = [
        deps.getInfo,
        deps.settings.set,
        deps.settings.get,
        deps.vault.put,
        deps.vault.get,
        deps.vault.status,
        deps.saver.save,
        deps.renderPdf,
        deps.openExternalLink,
        deps.logger.log,
        deps.status.setUnsentCount,
      ];
      expect(calls.every((spy) => spy.mock.calls.length === 0)).toBe(true);
    },
  );

  it.each(allChannels)('%s refuses extra or missing arguments', async (channel) => {
    const { invoke } = setUp();
    const args = VALID_ARGS[channel] ?? [];
    await expect(invoke(channel, ...args, 'extra')).rejects.toThrow(/refused: expected/);
    if (args.length > 0) await expect(invoke(channel, ...args.slice(1))).rejects.toThrow(/refused: expected/);
  });

  it.each(allChannels.filter((channel) => (ARGUMENT_SCHEMAS[channel]?.length ?? 0) > 0))(
    '%s passes only schema-valid values to main (fuzzed arguments)',
    async (channel) => {
      const schemas = ARGUMENT_SCHEMAS[channel] ?? [];
      const valid = VALID_ARGS[channel] ?? [];
      // Arbitrary values, and valid arguments with one field replaced by an arbitrary value.
      const mutated = fc
        .tuple(fc.nat({ max: valid.length - 1 }), fc.string(), fc.anything())
        .map(([index, key, value]) =>
          valid.map((arg, i) =>
            i === index && typeof arg === 'object' && arg !== null
              ? { ...arg, [key]: value }
              : i === index
                ? value
                : arg,
          ),
        );
      const args = fc.oneof(
        fc.array(fc.anything(), { minLength: schemas.length, maxLength: schemas.length }),
        mutated,
      );
      await fc.assert(
        fc.asyncProperty(args, async (candidate) => {
          const { invoke } = setUp();
          const isValid = candidate.every((arg, i) => schemas[i]?.safeParse(arg).success === true);
          const outcome = invoke(channel, ...candidate);
          if (isValid) await outcome;
          else await expect(outcome).rejects.toThrow(/argument \d is not valid/);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('shell:openExternal is checked in main whatever string it gets', async () => {
    const { invoke, deps } = setUp();
    await expect(invoke('shell:openExternal', 42)).rejects.toThrow(/not valid/);
    await expect(invoke('shell:openExternal', 'file:///etc/passwd')).resolves.toMatchObject({
      opened: false,
    });
    expect(deps.openExternalLink).toHaveBeenCalledWith('file:///etc/passwd');
  });
});

describe('IPC arguments that matter', () => {
  it('settings:set accepts https anywhere and http only on this machine', async () => {
    const { invoke, deps } = setUp();
    await invoke('settings:set', { serverUrl: 'http://127.0.0.1:8787' });
    await invoke('settings:set', { serverUrl: 'http://localhost:8787/api' });
    await invoke('settings:set', { serverUrl: null });
    for (const serverUrl of [
      'http://tindak.kemensos.go.id',
      'ftp://x',
      'https://u:p@x.go.id',
      'javascript:alert(1)',
      'http://127.0.0.2',
      '',
    ]) {
      await expect(invoke('settings:set', { serverUrl }), serverUrl).rejects.toThrow(/not valid/);
    }
    await expect(invoke('settings:set', { serverUrl: null, extra: true })).rejects.toThrow(/not valid/);
    expect(deps.settings.set.mock.calls.map(([settings]) => settings.serverUrl)).toEqual([
      'http://127.0.0.1:8787/',
      'http://localhost:8787/api',
      null,
    ]);
  });

  it('never echoes the refused values, which may be personal data or secrets', async () => {
    const { invoke, refusals } = setUp();
    const secret = 'rt-3174012345678901';
    await expect(
      invoke('vault:put', { kind: 'refreshToken', account: 'a' }, { token: secret }),
    ).rejects.toThrow(/argument 2 is not valid/);
    await expect(invoke('log:write', { level: 'debug', message: secret })).rejects.toThrow(
      /argument 1 is not valid \(level\)/,
    );
    expect(refusals.join('\n')).not.toContain('3174012345678901');
  });

  it('vault:* refuses account names that could be paths', async () => {
    const { invoke, deps } = setUp();
    for (const account of ['../../etc/passwd', 'a/b', 'a\\b', '', 'x'.repeat(129), '__proto__ ']) {
      await expect(invoke('vault:put', { kind: 'refreshToken', account }, 't'), account).rejects.toThrow(
        /not valid/,
      );
    }
    await expect(invoke('vault:put', { kind: 'password', account: 'a' }, 't')).rejects.toThrow(/not valid/);
    expect(deps.vault.put).not.toHaveBeenCalled();
  });

  it('files:saveExport refuses names with folders; the dialog chooses the place', async () => {
    const { invoke, deps } = setUp();
    for (const suggestedName of [
      '../x.csv',
      '/etc/passwd',
      'C:\\Windows\\x.csv',
      '..',
      '.bashrc',
      'a\u0000b.csv',
    ]) {
      await expect(
        invoke('files:saveExport', { suggestedName, format: 'csv', content: '' }),
        suggestedName,
      ).rejects.toThrow(/not valid/);
    }
    await invoke('files:saveExport', { suggestedName: 'kasus.csv', format: 'csv', content: 'a' });
    expect(deps.saver.save).toHaveBeenCalledWith('kasus.csv', 'csv', 'a');
  });

  it('print:toPdf renders escaped HTML, then saves the PDF under a name from the ticket', async () => {
    const { invoke, deps } = setUp();
    await invoke('print:toPdf', document);
    const [html] = deps.renderPdf.mock.calls[0] ?? [];
    expect(html).toContain('PKH &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(deps.saver.save).toHaveBeenCalledWith(
      'ringkasan-kasus-LAP-2026-0001.pdf',
      'pdf',
      new Uint8Array([37, 80, 68, 70]),
    );
  });

  it('log:write hands the entry to the masking logger', async () => {
    const { invoke, deps } = setUp();
    await invoke('log:write', {
      level: 'warn',
      message: 'push failed',
      details: { nik: '3174012345678901' },
    });
    expect(deps.logger.log).toHaveBeenCalledWith('warn', 'renderer: push failed', {
      nik: '3174012345678901',
    });
    // Details are a few flat values: nothing nested or bulky reaches the log.
    for (const details of [{ nested: { deep: 1 } }, { big: 'x'.repeat(501) }, Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]))]) {
      await expect(invoke('log:write', { level: 'info', message: 'x', details })).rejects.toThrow();
    }
    expect(deps.logger.log).toHaveBeenCalledTimes(1);
  });
});
