import { describe, expect, it } from 'vitest';
import { createAppStore, resetForSignOut } from '../../../../src/renderer/state/app-store';
import { EMPTY_FILTERS } from '../../../../src/renderer/state/queue-slice';
import { statusSinkOf } from '../../../../src/renderer/sync/status-slice';

describe('the desk store of feature slices', () => {
  it('holds session, queue and sync status side by side; the engine writes through the sync slice', () => {
    const store = createAppStore();
    store.getState().signedIn();
    store.getState().setFilter('status', 'in_follow_up');
    store.getState().setSearchText('LAPOR-1');
    store.getState().openCase('case-1');
    statusSinkOf(store).update({ pendingCount: 3, isOnline: false });

    const state = store.getState();
    expect(state.filters).toEqual({ ...EMPTY_FILTERS, status: 'in_follow_up' });
    expect(state.searchText).toBe('LAPOR-1');
    expect(state.openCaseId).toBe('case-1');
    expect(state.sync).toMatchObject({ pendingCount: 3, isOnline: false });

    store.getState().clearFilters();
    expect(store.getState().filters).toEqual(EMPTY_FILTERS);
    expect(store.getState().searchText).toBe('');
  });

  it('forgets the previous officer’s UI and status when another signs in on the workstation', () => {
    const store = createAppStore();
    store.getState().signedIn();
    store.getState().setLocked(true);
    store.getState().openCase('case-1');
    store.getState().updateSyncStatus({ pendingCount: 7 });
    resetForSignOut(store);
    const state = store.getState();
    expect(state.isLocked).toBe(false);
    expect(state.openCaseId).toBeNull();
    expect(state.sync.pendingCount).toBe(0);
  });
});
