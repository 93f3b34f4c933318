// Bahasa Indonesia: the default language and the source of truth for message keys;
// en.ts must match this shape (checked with `satisfies`).

export const id = {
  app: {
    name: 'Tindak',
    tagline: 'Meja tindak lanjut pengaduan SP4N-LAPOR!',
  },
  language: {
    // The button names the language it switches to, in that language.
    switchTo: 'English',
  },
  signIn: {
    title: 'Masuk ke meja kerja',
    username: 'Nama pengguna',
    password: 'Kata sandi',
    submit: 'Masuk',
    notAvailable: 'Fitur masuk belum tersedia di versi ini. Hubungi admin unit Anda untuk jadwal pemakaian.',
  },
  about: {
    version: 'Versi {{version}}',
    platformElectron: 'Aplikasi desktop',
    platformBrowser: 'Peramban',
    server: 'Server: {{url}}',
    noServer: 'Server belum diatur',
  },
};

export type Messages = typeof id;
