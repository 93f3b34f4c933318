// The unsent-count badge, tray tooltip and notifications, with the Electron calls faked.
import { describe, expect, it, vi } from 'vitest';
import { createDeskStatus } from '../../../src/main/status/desk-status';

function setUp() {
  const deps = { setBadgeCount: vi.fn(() => true), setTrayTooltip: vi.fn(), setTrayMenu: vi.fn(), showNotification: vi.fn() };
  return { deps, status: createDeskStatus(deps) };
}

describe('desk status', () => {
  it('shows the unsent count as the badge and in the tray tooltip', () => {
    const { deps, status } = setUp();
    status.setUnsentCount(4, 'id');
    status.setUnsentCount(0, 'id');
    expect(deps.setBadgeCount.mock.calls).toEqual([[4], [0]]);
    expect(deps.setTrayTooltip.mock.calls).toEqual([
      ['Tindak — 4 perubahan belum terkirim'],
      ['Tindak — semua perubahan sudah terkirim'],
    ]);
    // The tray's menu is built in Bahasa Indonesia at start: nothing to rebuild yet.
    expect(deps.setTrayMenu).not.toHaveBeenCalled();
  });

  it('speaks the desk’s language in the tray: tooltip and menu, the menu rebuilt only when the language changes', () => {
    const { deps, status } = setUp();
    status.setUnsentCount(2, 'en');
    status.setUnsentCount(0, 'en');
    status.setUnsentCount(0, 'id');
    expect(deps.setTrayTooltip.mock.calls).toEqual([
      ['Tindak — 2 changes not sent yet'],
      ['Tindak — everything is sent'],
      ['Tindak — semua perubahan sudah terkirim'],
    ]);
    expect(deps.setTrayMenu.mock.calls).toEqual([[{ open: 'Open Tindak', quit: 'Quit' }], [{ open: 'Buka Tindak', quit: 'Keluar' }]]);
  });

  it('notifies when a sync finishes after being offline, and only then', () => {
    const { deps, status } = setUp();
    status.notifySyncFinished({ language: 'id', wasOffline: false, sentCount: 1, receivedCount: 0 });
    expect(deps.showNotification).not.toHaveBeenCalled();
    status.notifySyncFinished({ language: 'id', wasOffline: true, sentCount: 3, receivedCount: 7 });
    expect(deps.showNotification).toHaveBeenCalledWith({
      title: 'Tersambung lagi: sinkronisasi selesai',
      body: '3 perubahan terkirim ke server, 7 pembaruan diterima.',
    });
  });

  it('notifies about overdue cases, naming the ticket when there is one', () => {
    const { deps, status } = setUp();
    status.notifyOverdue({ language: 'id', count: 1, firstReference: 'LAP-7' });
    status.notifyOverdue({ language: 'en', count: 5, firstReference: 'LAP-7' });
    expect(deps.showNotification.mock.calls.map(([n]) => n.body)).toEqual([
      'Kasus LAP-7 melewati batas waktu tahapnya.',
      '5 cases are past the deadline of their current step.',
    ]);
  });

  it('works without a tray', () => {
    const setBadgeCount = vi.fn(() => false);
    createDeskStatus({ setBadgeCount, showNotification: vi.fn() }).setUnsentCount(2, 'en');
    expect(setBadgeCount).toHaveBeenCalledWith(2);
  });
});
