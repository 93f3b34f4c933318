// Links to the web open in the officer's own browser, never inside the app, and only after the
// parsed URL passes checkExternalUrl (https, a real host, no credentials); the rest is refused
// and logged.
import { checkExternalUrl } from '../preload/schemas';

export type ExternalLinkOpener = (url: string) => Promise<boolean>;

export interface ExternalLinkDeps {
  /** shell.openExternal */
  readonly openInBrowser: (url: string) => Promise<void>;
  readonly onRefused: (candidate: string) => void;
}

export function createExternalLinkOpener({ openInBrowser, onRefused }: ExternalLinkDeps): ExternalLinkOpener {
  return async (candidate) => {
    const url = checkExternalUrl(candidate);
    if (url === null) {
      onRefused(candidate);
      return false;
    }
    await openInBrowser(url);
    return true;
  };
}
