// Types t() keys against the Indonesian messages, so a missing or misspelt key fails the build.
import 'i18next';
import type { Messages } from './id';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
