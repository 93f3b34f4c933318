// The signed-in officer's DeskSession (open store, sync engine) for the components under it.
import { createContext, useContext } from 'react';
import type { DeskSession } from './desk-session';

export const DeskContext = createContext<DeskSession | null>(null);

export function useDesk(): DeskSession {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk() outside a signed-in desk');
  return desk;
}
