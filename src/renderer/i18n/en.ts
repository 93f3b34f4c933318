import type { Messages } from './id';

export const en = {
  app: {
    name: 'Tindak',
    tagline: 'Follow-up desk for SP4N-LAPOR! complaints',
  },
  language: {
    switchTo: 'Bahasa Indonesia',
  },
  signIn: {
    title: 'Sign in to the desk',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    notAvailable:
      'Signing in is not available in this version yet. Ask your unit administrator when it will be.',
  },
  about: {
    version: 'Version {{version}}',
    platformElectron: 'Desktop app',
    platformBrowser: 'Browser',
    server: 'Server: {{url}}',
    noServer: 'No server configured',
  },
} satisfies Messages;
