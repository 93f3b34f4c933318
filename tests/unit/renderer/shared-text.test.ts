/**
 * The English UI shows the shared rules', the local store's and the server's sentences in
 * English. Every sentence in those sources must be in the table, so a new refusal cannot
 * silently reach English-speaking officers in Bahasa Indonesia only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, checkReportAction } from '../../../src/shared';
import { LOCAL_STORE_MESSAGES } from '../../../src/renderer/db/errors';
import { REMOVED_WITH_UNSENT_WORK_NOTE } from '../../../src/renderer/db/conflict-inbox';
import { LABELS_EN, isKnownSentenceShape, sharedSentenceInEnglish, sharedText } from '../../../src/renderer/i18n/shared-text';
import { PEOPLE, caseIn, directory, reportIn } from '../../helpers/org-fixture';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourcesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Where the sentences an officer may read come from (the desk, and the server's answers to it). */
const SOURCES = [
  ...sourcesUnder('src/shared'),
  ...sourcesUnder('src/renderer/db'),
  ...sourcesUnder('src/server/sync'),
  ...sourcesUnder('src/server/attachments'),
  ...sourcesUnder('src/server/auth'),
  // Not the admin API's or the channel connectors' routes: their answers never reach the desk.
  ...sourcesUnder('src/server/http').filter((path) => !/(admin|intake)-routes\.ts$/.test(path)),
  'src/server/app.ts',
];
const ENGLISH = new Set<string>(Object.values(ERROR_MESSAGES).map((message) => message.en));

/**
 * Sentences in quotes or backticks: a capital first, a space inside, a full stop last. In a
 * template, each `${…}` stands for a value: it is checked with a sample one ("x").
 */
function sentencesIn(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  const quoted = [...text.matchAll(/'([A-Z][^'\n]* [^'\n]*\.)'/g)].map((match) => match[1]!);
  return quoted.filter((sentence) => !ENGLISH.has(sentence));
}

/** Sentences built in templates, each `${…}` shown as "1": their shape must be known. */
function templatesIn(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  return [...text.matchAll(/`([A-Z][^`\n]* [^`\n]*\.)`/g)].map((match) => match[1]!.replace(/\$\{[^}]*\}/g, '1'));
}

describe('shared sentences in English', () => {
  it('has every sentence of the shared rules, the local store and the server’s refusals', () => {
    const missing = SOURCES.flatMap((path) => sentencesIn(path).filter((s) => sharedSentenceInEnglish(s) === null).map((s) => `${path}: ${s}`));
    expect(missing).toEqual([]);
    const unknownShapes = SOURCES.flatMap((path) => templatesIn(path).filter((s) => !isKnownSentenceShape(s)).map((s) => `${path}: ${s}`));
    expect(unknownShapes).toEqual([]);
    expect(SOURCES.flatMap(templatesIn).length).toBeGreaterThan(15);
    // The scan found what it should (a scan that finds nothing would pass too).
    expect(SOURCES.flatMap(sentencesIn).length).toBeGreaterThan(80);
  });

  it('has the local store’s messages and notes, which are built from several pieces', () => {
    for (const message of [...Object.values(LOCAL_STORE_MESSAGES), REMOVED_WITH_UNSENT_WORK_NOTE]) {
      expect(sharedSentenceInEnglish(message), message).not.toBeNull();
    }
  });

  it('has every label of the shared text fields, for "… wajib diisi." and "… terlalu panjang"', () => {
    const labels = SOURCES.flatMap((path) =>
      [...readFileSync(join(root, path), 'utf8').matchAll(/(?:requiredText|boundedText)\([\d_]+, '([^']+)'\)/g)].map((m) => m[1]!),
    );
    expect(labels.length).toBeGreaterThan(10);
    expect(labels.filter((label) => LABELS_EN[label] === undefined)).toEqual([]);
    expect(sharedText('en', 'Judul wajib diisi.')).toBe('Title is required.');
    expect(sharedText('en', 'Uraian terlalu panjang (maks. 20000 karakter).')).toBe('Description is too long (at most 20000 characters).');
  });

  it('translates a guard’s refusal with values inside, as the shared rules build it', () => {
    const context = {
      actor: { userId: PEOPLE.fieldA1.id, role: 'field_worker' as const, unitId: PEOPLE.fieldA1.unitId },
      report: reportIn('draft', { authorId: PEOPLE.fieldA1.id, visitDate: null, method: null }),
      caseRecord: caseIn('in_follow_up'),
      directory: directory(),
    };
    const check = checkReportAction('submit', context, {});
    expect(check).toMatchObject({ ok: false });
    const reason = (check as { reason: string }).reason;
    expect(reason).toMatch(/^Lengkapi dulu: tanggal kunjungan, metode/);
    expect(sharedText('en', reason)).toMatch(/^Fill in first: visit date, method/);
  });

  it('keeps Bahasa Indonesia as it is, and gives an unknown sentence its code’s meaning in English', () => {
    expect(sharedText('id', 'Kasus ini bukan milik unit Anda.')).toBe('Kasus ini bukan milik unit Anda.');
    expect(sharedText('en', 'Kasus ini bukan milik unit Anda.')).toBe('This case does not belong to your unit.');
    expect(sharedText('en', 'Kalimat baru dari server.', 'forbidden')).toBe('You are not allowed to do this. (Kalimat baru dari server.)');
    // An officer's own note is not a known sentence: it stays as written.
    expect(sharedText('en', 'Sudah ditelepon, pelapor minta dikunjungi.')).toBe('Sudah ditelepon, pelapor minta dikunjungi.');
    // Nor does a pattern half-translate words it does not know.
    expect(sharedText('en', 'Foto rumah dan surat desa wajib diisi.')).toBe('Foto rumah dan surat desa wajib diisi.');
    // Text that happens to name an object's built-in property is just text.
    for (const text of ['__proto__', 'constructor', 'toString']) expect(sharedText('en', text)).toBe(text);
  });

  it('keeps the path a validation message comes after, and translates what follows it', () => {
    expect(sharedText('en', 'reason: Alasan pengalihan wajib diisi.')).toBe('reason: Reason is required.');
    expect(sharedText('en', 'fields.title: Judul terlalu panjang (maks. 200 karakter).')).toBe('fields.title: Title is too long (at most 200 characters).');
    expect(sharedText('en', 'Nilai kolom "reporter" tidak valid: NIK harus 16 digit..')).toBe('The value of "reporter" is not valid: The NIK must have 16 digits.');
  });

  it('says where an intake came from without Indonesian left inside', () => {
    expect(sharedText('en', 'Diterima dari kanal lapor melalui kunci "Jembatan LAPOR!".')).toBe('Received from the lapor channel through the key "Jembatan LAPOR!".');
    expect(sharedText('en', 'Diterima dari kanal lapor melalui impor berkas ekspor.csv.')).toBe('Received from the lapor channel through the import of ekspor.csv.');
  });
});
