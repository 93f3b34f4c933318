/**
 * Who is signed in on this window, in plain data only: the open local store and the sync
 * engine live in the DeskSession (app/desk-session.ts), never in the store.
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

export interface SessionSlice {
  officer: SignedInOfficer | null;
  /** Set when the desk locked itself after inactivity; the officer re-enters the password. */
  isLocked: boolean;
  signedIn(officer: SignedInOfficer): void;
  signedOut(): void;
  setLocked(isLocked: boolean): void;
}

export function createSessionSlice<State extends SessionSlice>(): StateCreator<State, [], [], SessionSlice> {
  return (set) => ({
    officer: null,
    isLocked: false,
    signedIn: (officer) => set((state) => ({ ...state, officer, isLocked: false })),
    signedOut: () => set((state) => ({ ...state, officer: null, isLocked: false })),
    setLocked: (isLocked) => set((state) => ({ ...state, isLocked })),
  });
}
