// The root component: the sign-in screen until an officer is signed in, then the desk.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { effectiveServerUrl } from '../features/session/server-address';
import { ServerAddress } from '../features/session/ServerAddress';
import { SignInForm } from '../features/session/SignInForm';
import type { DeskSession } from '../features/session/desk-session';
import type { AppInfo, Platform } from '../platform';
import { appStore, resetForSignOut } from '../state/app-store';
import { Desk } from './Desk';
import { LanguageSwitch } from './LanguageSwitch';

export interface AppProps {
  readonly platform: Platform;
  /** The central server's base URL from `?server=`, or null: then the saved setting is used. */
  readonly serverUrl: string | null;
  /** Lock the desk after this long without input (ms). */
  readonly autoLockMs?: number;
}

export const DEFAULT_AUTO_LOCK_MS = 15 * 60_000;

export function App({
  platform,
  serverUrl: serverUrlFromQuery,
  autoLockMs = DEFAULT_AUTO_LOCK_MS,
}: AppProps) {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<DeskSession | null>(null);
  const [savedServerUrl, setSavedServerUrl] = useState<string | null>(null);
  const [changedServerUrl, setChangedServerUrl] = useState<string | null>(null);
  const serverUrl = changedServerUrl ?? effectiveServerUrl(serverUrlFromQuery, savedServerUrl);

  useEffect(() => {
    let isCurrent = true;
    platform.settings.get().then(
      (settings) => {
        if (isCurrent) setSavedServerUrl(settings.serverUrl);
      },
      (error: unknown) => console.warn('Tindak: could not read the settings', error),
    );
    return () => {
      isCurrent = false;
    };
  }, [platform]);

  useEffect(() => {
    let isCurrent = true;
    platform.app.getInfo().then(
      (next) => {
        if (isCurrent) setInfo(next);
      },
      (error: unknown) => console.error('Tindak: could not read app info', error),
    );
    return () => {
      isCurrent = false;
    };
  }, [platform]);

  if (session) {
    return (
      <Desk
        session={session}
        platform={platform}
        autoLockMs={autoLockMs}
        onSignOut={() => {
          void session.signOut().finally(() => {
            resetForSignOut(appStore);
            setSession(null);
          });
        }}
      />
    );
  }

  return (
    <div className="first-screen">
      <header className="first-screen__bar">
        <LanguageSwitch />
      </header>
      <main className="first-screen__main">
        <section className="brand">
          <h1>{t('app.name')}</h1>
          <p className="brand__tagline">{t('app.tagline')}</p>
        </section>
        <div className="first-screen__sign-in">
          <SignInForm
            serverUrl={serverUrl}
            platform={platform}
            onSignedIn={(next) => {
              performance.mark('tindak:signed-in');
              resetForSignOut(appStore);
              appStore.getState().signedIn();
              setSession(next);
            }}
          />
          <ServerAddress platform={platform} serverUrl={serverUrl} onChanged={setChangedServerUrl} />
        </div>
      </main>
      <footer className="first-screen__footer">
        {info && <span>{t('about.version', { version: info.version })}</span>}
        <span>{platform.kind === 'electron' ? t('about.platformElectron') : t('about.platformBrowser')}</span>
        <span>{serverUrl ? t('about.server', { url: serverUrl }) : t('about.noServer')}</span>
      </footer>
    </div>
  );
}
