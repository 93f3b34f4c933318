/**
 * The signed-in officer's plain data (SignedInOfficer, held by the DeskSession with the open
 * local store and the sync engine) and the window's lock state.
 */
import type { StateCreator } from 'zustand';
import type { Role } from '../../shared';

export interface SignedInOfficer {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  /** The sign-in unwrapped the local keys without reaching the server. */
  isOfflineSignIn: boolean;
}

/**
 * The window's session state the UI reads. Who is signed in is the DeskSession's `officer`
 * (the one source), not kept here as well.
 */
export interface SessionSlice {
  /** Set when the desk locked itself after inactivity; the officer re-enters the password. */
  isLocked: boolean;
  signedIn(): void;
  setLocked(isLocked: boolean): void;
}

export function createSessionSlice<State extends SessionSlice>(): StateCreator<State, [], [], SessionSlice> {
  return (set) => ({
    isLocked: false,
    signedIn: () => set((state) => ({ ...state, isLocked: false })),
    setLocked: (isLocked) => set((state) => ({ ...state, isLocked })),
  });
}
