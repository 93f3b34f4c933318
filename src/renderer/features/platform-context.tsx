// The platform (Electron bridge or its browser stand-in) for the features that print, export
// or talk to the shell; the desk provides it, as it provides the DeskSession.
import { createContext, useContext } from 'react';
import type { Platform } from '../platform';

export const PlatformContext = createContext<Platform | null>(null);

export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('usePlatform() outside the desk');
  return platform;
}
