// The root component: for now the first screen (name, tagline, sign-in, language switch).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInForm } from '../features/sign-in/SignInForm';
import type { AppInfo, Platform } from '../platform';
import { LanguageSwitch } from './LanguageSwitch';

export interface AppProps {
  readonly platform: Platform;
  /** The central server's base URL, or null when none was given. */
  readonly serverUrl: string | null;
}

export function App({ platform, serverUrl }: AppProps) {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);

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
        <SignInForm />
      </main>
      <footer className="first-screen__footer">
        {info && <span>{t('about.version', { version: info.version })}</span>}
        <span>{platform.kind === 'electron' ? t('about.platformElectron') : t('about.platformBrowser')}</span>
        <span>{serverUrl ? t('about.server', { url: serverUrl }) : t('about.noServer')}</span>
      </footer>
    </div>
  );
}
