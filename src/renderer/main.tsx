// Renderer entry: the same bundle runs in Electron and in a plain browser.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import { readAutoLockMs } from './app/auto-lock';
import { createI18n, syncDocumentLanguage } from './i18n';
import { getPlatform } from './platform';
import { readServerUrl } from './platform/server-url';
import './ui/theme.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to render Tindak into.');

const i18n = createI18n();
syncDocumentLanguage(i18n, document.documentElement);

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App
        platform={getPlatform(window, { version: __TINDAK_VERSION__ })}
        serverUrl={readServerUrl(window.location.search)}
        autoLockMs={readAutoLockMs(window.location.search)}
      />
    </I18nextProvider>
  </StrictMode>,
);
