// i18next set up for Tindak: Bahasa Indonesia first, English second, messages bundled as
// TypeScript objects so the app works offline and switching language is synchronous.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { id } from './id';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';

export function isLanguage(value: string | undefined): value is Language {
  return LANGUAGES.some((language) => language === value);
}

/** The language the switch button offers from `current`. */
export function otherLanguage(current: string | undefined): Language {
  return current === 'en' ? 'id' : 'en';
}

export function createI18n(language: Language = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  instance
    .use(initReactI18next)
    .init({
      resources: { id: { translation: id }, en: { translation: en } },
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: LANGUAGES,
      // React escapes what it renders; escaping here too would show entities to officers.
      interpolation: { escapeValue: false },
      // Resources are in memory: initialise synchronously so the first render is translated.
      initAsync: false,
    })
    .catch((error: unknown) => console.error('Tindak: i18n failed to initialise', error));
  return instance;
}

/** Keeps <html lang> in step with the UI language, for screen readers and hyphenation. */
export function syncDocumentLanguage(instance: i18n, root: HTMLElement): void {
  const apply = (language: string): void => {
    root.lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  };
  apply(instance.language);
  instance.on('languageChanged', apply);
}
