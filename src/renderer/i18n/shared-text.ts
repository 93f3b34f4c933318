/**
 * The shared rules (src/shared), the local store (src/renderer/db) and the server speak Bahasa
 * Indonesia: their sentences reach the officer as refusals, form errors and the server's reasons
 * in the rejected list. In the English UI they are shown in English from this table. A sentence
 * not in it (a server's newer wording) is shown as it came, after the English meaning of its
 * error code, so the officer always gets something to act on.
 * tests/unit/renderer/shared-text.test.ts keeps the table in step with the sources.
 */
import { ERROR_MESSAGES, type ErrorCode } from '../../shared';

/** Field labels of the shared text schemas (`requiredText`, `boundedText`) and of reports. */
export const LABELS_EN: Record<string, string> = {
  Alamat: 'Address',
  'Alasan koreksi': 'Reason for the correction',
  'Alasan pengalihan': 'Reason',
  'Alasan pengarsipan': 'Reason',
  Catatan: 'Note',
  'Catatan pemeriksaan': 'Check note',
  'Catatan pengembalian': 'Note to the author',
  'Catatan penyelesaian': 'Finishing note',
  'Jawaban normatif': 'Answer',
  Judul: 'Title',
  'Jenis berkas (mimeType)': 'File type (mimeType)',
  Nama: 'Name',
  'Nama berkas': 'File name',
  'Nama kanal': 'Channel name',
  'Nama pelapor': 'Reporter’s name',
  'Nama program': 'Programme name',
  'Nama topik': 'Topic name',
  'Nama unit': 'Unit name',
  'Nomor tiket': 'Ticket number',
  'Referensi kanal': 'Channel reference',
  Rekomendasi: 'Recommendation',
  Temuan: 'Findings',
  Tindakan: 'Actions taken',
  Uraian: 'Description',
  Wilayah: 'Region',
  // Report fields named by "Lengkapi dulu: …" (SUBMISSION_FIELD_LABELS in src/shared/domain/report.ts).
  'tanggal kunjungan': 'visit date',
  metode: 'method',
  temuan: 'findings',
  'tindakan yang dilakukan': 'actions taken',
  hasil: 'outcome',
};

/** Whole sentences, as the sources write them. */
export const SENTENCES_EN: Record<string, string> = {
  'Alasan koreksi wajib diisi.': 'A reason for the correction is required.',
  'Anda tidak ditugaskan pada kasus ini.': 'You are not assigned to this case.',
  'Auditor hanya dapat membaca; tidak ada perubahan yang diizinkan.':
    'The auditor only reads; no change is allowed.',
  'Belum ada laporan penanganan yang ditutup pimpinan.':
    'No handling report has been closed by the unit head yet.',
  'Berkas terlalu besar (maks. 20 MB).': 'The file is too large (at most 20 MB).',
  'Checksum SHA-256 tidak valid.': 'The SHA-256 checksum is not valid.',
  'Data organisasi belum tersedia di perangkat ini; sinkronkan dulu saat tersambung.':
    'The organisation’s data is not on this workstation yet; sync first while connected.',
  'Data organisasi dari server tidak valid.': 'The organisation’s data from the server is not valid.',
  'Data sedang diperbarui oleh proses lain; coba lagi sebentar lagi.':
    'The data is being updated by another process; try again in a moment.',
  'Data tersimpan rusak atau telah diubah di luar aplikasi, sehingga tidak dapat dibuka.':
    'The stored data is damaged or was changed outside the app, so it cannot be opened.',
  'Data tidak ditemukan di perangkat ini.': 'Not found on this workstation.',
  'Data tidak valid.': 'The data is not valid.',
  'Data yang diisi tidak valid.': 'What was filled in is not valid.',
  'Ditolak server tanpa keterangan.': 'Refused by the server without a reason.',
  'Hanya admin yang dapat mendaftarkan pengaduan baru.': 'Only the admin can register a new complaint.',
  'Hanya penulis laporan yang dapat mengubahnya.': 'Only the report’s author can change it.',
  'Hasil penanganan tidak dikenal.': 'Unknown handling outcome.',
  'ID harus berupa UUID dengan huruf kecil.': 'The id must be a UUID in lower case.',
  'ID harus berupa UUID.': 'The id must be a UUID.',
  'ID mutasi harus UUIDv7.': 'The mutation id must be a UUIDv7.',
  'ID pengguna tidak valid.': 'The user id is not valid.',
  'ID perangkat 8–64 karakter: huruf, angka, - atau _.':
    'The device id has 8–64 characters: letters, digits, - or _.',
  'ID perangkat tidak valid.': 'The device id is not valid.',
  'Isi berkas tidak tersimpan di perangkat ini.': 'The file’s contents are not stored on this workstation.',
  'Isi referensi laporan status pada kanal sumber (mis. nomor tindak lanjut LAPOR!).':
    'Fill in the status report’s reference on the source channel (e.g. the LAPOR! follow-up number).',
  'Item yang ditolak tidak ditemukan atau sudah ditangani.':
    'The refused item was not found or was already dealt with.',
  'Jenis berkas harus JPEG, PNG, WebP atau PDF.': 'The file must be JPEG, PNG, WebP or PDF.',
  'Jenis laporan tidak dikenal.': 'Unknown kind of case.',
  'Kasus atau laporan ini tidak lagi ada di perangkat ini. Pilih nilai dari server untuk menutup konflik ini.':
    'This case or report is no longer on this workstation. Take the server’s values to close this conflict.',
  'Kasus dengan ID ini sudah ada.': 'A case with this id already exists.',
  'Kasus ini bukan milik unit Anda.': 'This case does not belong to your unit.',
  'Kasus ini sudah tidak lagi menjadi wewenang Anda di server (dialihkan atau penugasan dicabut), tetapi masih ada perubahan Anda yang belum terkirim. Salinan kasus disimpan sampai perubahan itu dikirim; perubahan yang ditolak server akan muncul di daftar "Ditolak".':
    'On the server this case is no longer yours (reassigned, or the assignment was withdrawn), but you have changes to it that are not sent yet. The copy of the case is kept until they are sent; changes the server refuses will appear in the "Rejected" list.',
  'Kasus ini tidak ditugaskan ke UPT Anda.': 'This case is not assigned to your regional unit.',
  'Kasus tidak ditemukan atau di luar wewenang Anda.': 'Case not found, or outside your access.',
  'Kasus tidak ditemukan di perangkat ini.': 'Case not found on this workstation.',
  'Kasus tidak sedang dalam tindak lanjut.': 'The case is not in follow-up.',
  'Kata sandi salah. Data di perangkat ini tidak dibuka dan tidak diubah.':
    'Wrong password. The data on this workstation was not opened and not changed.',
  'Kata sandi salah. Data di perangkat ini tidak dibuka.':
    'Wrong password. The data on this workstation was not opened.',
  'Kode harus huruf kecil, angka atau garis bawah (maks. 40).':
    'The code must be lower-case letters, digits or underscores (at most 40).',
  'Kode provinsi pada NIK (2 digit pertama) tidak dikenal.':
    'The province code of the NIK (first 2 digits) is unknown.',
  'Kode provinsi pada nomor KK (2 digit pertama) tidak dikenal.':
    'The province code of the KK number (first 2 digits) is unknown.',
  'Kolom yang dikoreksi tidak dikenal.': 'The corrected field is unknown.',
  'Konflik tidak ditemukan atau sudah diselesaikan.': 'The conflict was not found or was already resolved.',
  'Kosongkan ruang disk, lalu coba lagi.': 'Free some disk space, then try again.',
  'Kursor tidak valid.': 'The cursor is not valid.',
  'Lampiran tidak ditemukan di perangkat ini.': 'Attachment not found on this workstation.',
  'Laporan dengan ID ini sudah ada.': 'A report with this id already exists.',
  'Laporan tidak ditemukan di perangkat ini.': 'Report not found on this workstation.',
  'Laporan tidak ditemukan pada kasus ini.': 'Report not found on this case.',
  'Laporan tidak ditemukan.': 'Report not found.',
  'Masih ada laporan yang belum selesai diperiksa atau ditutup.':
    'Some reports are not yet reviewed or closed.',
  'Metode penanganan tidak dikenal.': 'Unknown handling method.',
  'NIK hanya boleh berisi angka.': 'The NIK may contain digits only.',
  'NIK harus 16 digit yang valid.': 'The NIK must be 16 valid digits.',
  'NIK harus 16 digit.': 'The NIK must have 16 digits.',
  'NIK wajib diisi.': 'The NIK is required.',
  'Nama pengguna 3–40 karakter: huruf, angka, titik, garis.':
    'The username has 3–40 characters: lower-case letters, digits, dots, dashes or underscores.',
  'Nilai 1–5.': 'A value from 1 to 5.',
  'Nilai koreksi sama dengan aslinya.': 'The corrected value is the same as the original.',
  'Nilai koreksi tidak valid.': 'The corrected value is not valid.',
  'Nomor KK hanya boleh berisi angka.': 'The KK number may contain digits only.',
  'Nomor KK harus 16 digit.': 'The KK number must have 16 digits.',
  'Nomor KK wajib diisi.': 'The KK number is required.',
  'Nomor telepon tidak valid; tulis seperti 0812xxxxxxx atau +62812xxxxxxx.':
    'The phone number is not valid; write it like 0812xxxxxxx or +62812xxxxxxx.',
  'Nomor telepon tidak valid; tulis seperti 0812xxxxxxx.':
    'The phone number is not valid; write it like 0812xxxxxxx.',
  'Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.':
    'The serial number of the NIK (last 4 digits) cannot be 0000.',
  'Nomor urut pada nomor KK (4 digit terakhir) tidak boleh 0000.':
    'The serial number of the KK number (last 4 digits) cannot be 0000.',
  'Pengaduan baru dengan NIK atau nomor telepon pelapor yang sama diterima; periksa kemungkinan duplikat.':
    'A new complaint with the same reporter’s NIK or phone number has arrived; check whether it is a duplicate.',
  'Peran Anda tidak dapat menambah lampiran.': 'Your role cannot add attachments.',
  'Peran tidak dikenal.': 'Unknown role.',
  'Petugas yang dipilih bukan SDM Kesos aktif.': 'The chosen officer is not an active field worker.',
  'Petugas yang dipilih tidak berada di unit Anda.': 'The chosen officer is not in your unit.',
  'Pilih minimal satu UPT atau petugas.': 'Choose at least one regional unit or officer.',
  'Profil bukan milik pengguna yang sedang masuk.': 'The profile does not belong to the signed-in user.',
  'Profil pengguna belum tersedia di perangkat ini; masuk sekali saat tersambung.':
    'The user profile is not on this workstation yet; sign in once while connected.',
  'Rentang berkas tidak valid.': 'The file range is not valid.',
  'Ruang penyimpanan penuh. Perubahan terakhir tidak tersimpan, tetapi data yang belum terkirim tetap aman. Kosongkan ruang disk, lalu coba lagi.':
    'The storage is full. The last change was not saved, but the unsent data is safe. Free some disk space, then try again.',
  'Status kepesertaan tidak dikenal.': 'Unknown membership status.',
  'Tanggal harus dalam format YYYY-MM-DD.': 'The date must be in the form YYYY-MM-DD.',
  'Tanggal lahir pada NIK (digit 7–12) tidak mungkin.':
    'The birth date in the NIK (digits 7–12) is impossible.',
  'Tanggal terbit pada nomor KK (digit 7–12) tidak mungkin.':
    'The issue date in the KK number (digits 7–12) is impossible.',
  'Tembusan hanya untuk UPT di bawah unit kerja tujuan.':
    'Copies go only to regional units under the receiving work unit.',
  'Tidak ada berkas yang ditolak server dengan ID ini di perangkat ini.':
    'No file refused by the server has this id on this workstation.',
  'Tidak ada kolom yang diubah.': 'No field was changed.',
  'Topik tidak dikenal dalam konfigurasi.': 'The topic is not in the configuration.',
  'Tujuan distribusi harus unit kerja penanggung jawab.': 'A case is distributed to a responsible work unit.',
  'UPT hanya dapat melepas penugasan SDM Kesos.':
    'Regional unit staff can only withdraw field workers’ assignments.',
  'UPT hanya dapat melepas petugas di unitnya sendiri.':
    'Regional unit staff can only withdraw officers of their own unit.',
  'UPT hanya dapat menugaskan SDM Kesos di unitnya sendiri.':
    'Regional unit staff can only assign field workers of their own unit.',
  'UPT yang dipilih tidak berada di bawah unit Anda.': 'The chosen regional unit is not under your unit.',
  'Unit tujuan sama dengan unit sekarang.': 'The receiving unit is the current unit.',
  'Urgensi harus normal atau urgent.': 'Urgency must be normal or urgent.',
  'Versi protokol tidak didukung.': 'This protocol version is not supported.',
  'Waktu harus dalam format ISO 8601.': 'The time must be in ISO 8601 form.',
  'Yang dilepas tidak sedang ditugaskan pada kasus ini.':
    'Whom you are withdrawing is not assigned to this case.',
  'Zona waktu harus WIB, WITA atau WIT.': 'The time zone must be WIB, WITA or WIT.',
  'Konflik: nilai server dipertahankan.': 'Conflict: the server’s value was kept.',
  'Konflik diputuskan oleh urutan peran.': 'Conflict decided by the order of roles.',
  'Lampiran tidak ditemukan atau di luar wewenang Anda.': 'Attachment not found, or outside your access.',
  'Ukuran berkas harus berupa angka byte.': 'The file size must be a number of bytes.',
  'Ukuran berkas harus bilangan bulat.': 'The file size must be a whole number.',
  'Berkas kosong.': 'The file is empty.',
  'ID lampiran ini sudah dipakai untuk berkas lain.': 'This attachment id is already used for another file.',
  'Peran Anda hanya dapat membaca; lampiran tidak dapat ditambahkan.':
    'Your role is read-only; attachments cannot be added.',
  'Unggahan tidak ditemukan.': 'Upload not found.',
  'Potongan berkas kosong.': 'The file chunk is empty.',
  'Berkas rusak saat dikirim (checksum SHA-256 tidak cocok); kirim ulang dari awal.':
    'The file was damaged in transit (SHA-256 checksum does not match); send it again from the start.',
  'Salinan lokal lebih lama dari batas penyimpanan penanda hapus; perlu sinkron ulang penuh.':
    'The local copy is older than the server keeps removal markers; a full resync is needed.',
  'Kirim potongan berkas sebagai application/octet-stream.': 'Send file chunks as application/octet-stream.',
  'Kata sandi minimal 10 karakter.': 'The password needs at least 10 characters.',
  'Tidak ada yang diubah.': 'Nothing was changed.',
  'Unit tidak ditemukan.': 'Unit not found.',
  'Nama pengguna sudah dipakai.': 'This username is already taken.',
  'Pengguna tidak ditemukan.': 'User not found.',
  'Unit induk tidak ditemukan.': 'Parent unit not found.',
  'Kode unit sudah dipakai.': 'This unit code is already taken.',
  'Kata sandi wajib diisi.': 'The password is required.',
  'Terlalu banyak percobaan masuk; tunggu satu menit.': 'Too many sign-in attempts; wait a minute.',
  'ID perangkat ini terdaftar untuk pengguna lain.': 'This device id is registered to another user.',
  'Perangkat ini telah dicabut aksesnya oleh admin.': 'The admin has revoked this workstation’s access.',
  'Sesi tidak dikenal; silakan masuk lagi.': 'Unknown session; please sign in again.',
  'Sesi sudah kedaluwarsa; silakan masuk lagi.': 'The session has expired; please sign in again.',
  'Token lama dipakai ulang; demi keamanan semua sesi perangkat ini dicabut.':
    'An old token was used again; for safety, every session of this workstation was revoked.',
  'Sesi telah dicabut; silakan masuk lagi.': 'The session was revoked; please sign in again.',
  'Token ini milik perangkat lain.': 'This token belongs to another workstation.',
  'Content-Encoding hanya boleh gzip.': 'Content-Encoding may only be gzip.',
  'Isi permintaan kosong.': 'The request body is empty.',
  'Teks berisi karakter yang tidak dapat disimpan (NUL atau surrogate tunggal).':
    'The text holds characters that cannot be stored (NUL or a lone surrogate).',
  'Kiriman harus dari perangkat yang sedang masuk.': 'A batch must come from the signed-in workstation.',
  'Masuk dulu: token akses tidak ada.': 'Sign in first: there is no access token.',
  'Terlalu banyak permintaan dari perangkat ini; coba lagi sebentar.':
    'Too many requests from this workstation; try again shortly.',
  'Alamat tidak dikenal.': 'Unknown address.',
};

const own = (table: Record<string, string>, key: string): string | null =>
  Object.hasOwn(table, key) ? (table[key] ?? null) : null;

/** A label the table knows, or null: a pattern with an unknown label does not half-translate. */
const label = (text: string) => own(LABELS_EN, text);

/** Who handed a case in at intake (`src/server/intake`): a channel key or a file import. */
const intakeVia = (via: string): string | null => {
  const key = /^kunci "(.*)"$/.exec(via);
  if (key) return `the key "${key[1]}"`;
  const file = /^impor berkas (.+)$/.exec(via);
  return file ? `the import of ${file[1]}` : null;
};

type Render = (...parts: string[]) => string | null;

/** Sentences with a value inside, as the sources build them. */
const PATTERNS: readonly [RegExp, Render][] = [
  [/^(.+) wajib diisi\.$/, (what) => (label(what) === null ? null : `${label(what)} is required.`)],
  [
    /^(.+) terlalu panjang \(maks\. (\d+) karakter\)\.$/,
    (what, max) => (label(what) === null ? null : `${label(what)} is too long (at most ${max} characters).`),
  ],
  [
    /^Lengkapi dulu: (.+)\.$/,
    (fields) => {
      const named = fields.split(', ').map(label);
      return named.includes(null) ? null : `Fill in first: ${named.join(', ')}.`;
    },
  ],
  [
    /^Kanal "(.*)" tidak dikenal dalam konfigurasi\.$/,
    (channel) => `The channel "${channel}" is not in the configuration.`,
  ],
  [
    /^Kolom "(.*)" tidak dapat diubah langsung\.$/,
    (field) => `The field "${field}" cannot be changed directly.`,
  ],
  [/^Kolom "(.*)" tidak dikenal\.$/, (field) => `Unknown field "${field}".`],
  [
    /^Langkah "(.*)" tidak tersedia pada status ini\.$/,
    (step) => `The step "${step}" is not available in this status.`,
  ],
  [/^Langkah "(.*)" tidak dikenal\.$/, (step) => `Unknown step "${step}".`],
  [/^Langkah "(.*)" tidak dikenal untuk laporan\.$/, (step) => `Unknown step "${step}" for reports.`],
  [/^Peran Anda tidak dapat melakukan "(.*)"\.$/, (step) => `Your role cannot do "${step}".`],
  [/^Peran Anda tidak dapat mengubah "(.*)"\.$/, (field) => `Your role cannot change "${field}".`],
  [/^Pilih nilai untuk kolom "(.*)"\.$/, (field) => `Choose a value for "${field}".`],
  [
    /^Diterima dari kanal (\S+) melalui (.+)\.$/,
    (channel, via) => {
      const english = intakeVia(via);
      return english === null ? null : `Received from the ${channel} channel through ${english}.`;
    },
  ],
  [
    /^Pengaduan didaftarkan dari kanal (\S+)\.$/,
    (channel) => `Complaint registered from the ${channel} channel.`,
  ],
  [/^Berkas terlalu besar \(maks\. (\d+) MB\)\.$/, (max) => `The file is too large (at most ${max} MB).`],
  [
    /^Kunci "(.*)" dipakai oleh penyimpanan lokal\.$/,
    (key) => `The key "${key}" is used by the local store.`,
  ],
  [
    /^Mutasi (\S+) muncul dua kali dengan isi berbeda\.$/,
    (id) => `The mutation ${id} appears twice with different contents.`,
  ],
  [
    /^Nilai kolom "(.*)" tidak valid: (.+)$/,
    (field, why) => {
      const reason = sharedSentenceInEnglish(why.replace(/\.+$/, '.'));
      return reason === null ? null : `The value of "${field}" is not valid: ${reason}`;
    },
  ],
  [
    /^Server sudah menerima (\d+) byte; lanjutkan pengiriman dari byte ke-(\d+)\.$/,
    (received, from) => `The server has received ${received} bytes; continue sending from byte ${from}.`,
  ],
  [
    /^Potongan melewati ukuran berkas yang diumumkan \((\d+) byte\)\.$/,
    (size) => `The chunk goes past the announced file size (${size} bytes).`,
  ],
  [
    /^Rentang byte di luar ukuran berkas \((\d+) byte\)\.$/,
    (size) => `The byte range is outside the file’s size (${size} bytes).`,
  ],
  [
    /^Isi permintaan melebihi (\d+) byte setelah didekompresi\.$/,
    (limit) => `The request body exceeds ${limit} bytes once decompressed.`,
  ],
  [
    /^Isi permintaan bersarang lebih dari (\d+) tingkat\.$/,
    (depth) => `The request body is nested deeper than ${depth} levels.`,
  ],
  [
    /^Server memakai protokol versi (\S+); perbarui aplikasi\.$/,
    (version) => `The server uses protocol version ${version}; update the app.`,
  ],
  [
    /^Maksimal (\d+) mutasi per kiriman; kirim sisanya di kiriman berikutnya\.$/,
    (max) => `At most ${max} mutations per batch; send the rest in the next one.`,
  ],
  [
    /^Tiket (.+) dari kanal ini sudah terdaftar\.$/,
    (ticket) => `Ticket ${ticket} of this channel is already registered.`,
  ],
];

/** The stable error codes' own sentences (src/shared/errors.ts), so the two never drift apart. */
const ERROR_SENTENCES: Record<string, string> = Object.fromEntries(
  Object.values(ERROR_MESSAGES).map((message) => [message.id, message.en]),
);

function wholeSentence(text: string): string | null {
  const known = own(ERROR_SENTENCES, text) ?? own(SENTENCES_EN, text);
  if (known !== null) return known;
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1).map((part) => part ?? ''));
  }
  return null;
}

/**
 * The English of a sentence from the shared rules, the local store or the server; null when
 * unknown. A validation message may come after the path of the field it is about
 * (`fields.title: Judul wajib diisi.`): the path stays, the sentence is translated.
 */
export function sharedSentenceInEnglish(text: string): string | null {
  const whole = wholeSentence(text);
  if (whole !== null) return whole;
  const withPath = /^([\w.]+): (.+)$/s.exec(text);
  if (!withPath) return null;
  const rest = wholeSentence(withPath[2]!);
  return rest === null ? null : `${withPath[1]}: ${rest}`;
}

/**
 * A sentence from the shared rules, the local store or the server, in the UI's language. In
 * English, an unknown sentence follows the English meaning of its code, when there is one.
 */
export function sharedText(language: string | undefined, text: string, code?: string): string {
  if (language !== 'en') return text;
  const english = sharedSentenceInEnglish(text);
  if (english !== null) return english;
  const meaning =
    code !== undefined && Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as ErrorCode].en : null;
  return meaning ? `${meaning} (${text})` : text;
}

/** Whether a sentence has the shape of one this module knows, whatever the values inside (for the tests). */
export function isKnownSentenceShape(text: string): boolean {
  return (
    own(ERROR_SENTENCES, text) !== null ||
    own(SENTENCES_EN, text) !== null ||
    PATTERNS.some(([pattern]) => pattern.test(text))
  );
}
