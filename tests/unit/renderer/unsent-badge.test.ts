// The unsent badge follows the pending count and the UI's language (the tray speaks it), and clears on sign-out.
import { describe, expect, it, vi } from 'vitest';
import { watchUnsentBadge } from '../../../src/renderer/app/use-unsent-badge';
import { createI18n } from '../../../src/renderer/i18n';
import { createAppStore } from '../../../src/renderer/state/app-store';

describe('unsent badge', () => {
  it('sends the count with the language, again when either changes, and 0 when it stops', async () => {
    const setUnsentCount = vi.fn((_count: number, _language: 'id' | 'en') => Promise.resolve());
    const platform = { status: { setUnsentCount, notifySyncFinished: vi.fn(), notifyOverdue: vi.fn() } };
    const store = createAppStore();
    const i18n = createI18n('id');
    store.getState().updateSyncStatus({ pendingCount: 2 });
    const stop = watchUnsentBadge(platform, store, i18n);
    store.getState().updateSyncStatus({ pendingCount: 3 });
    store.getState().updateSyncStatus({ isOnline: true });
    await i18n.changeLanguage('en');
    stop();
    await i18n.changeLanguage('id');
    store.getState().updateSyncStatus({ pendingCount: 9 });
    expect(setUnsentCount.mock.calls).toEqual([
      [2, 'id'],
      [3, 'id'],
      [3, 'en'],
      [0, 'en'],
    ]);
  });
});
