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
import { LABELS_EN, sharedSentenceInEnglish, sharedText } from '../../../src/renderer/i18n/shared-text';
import { PEOPLE, caseIn, directory, reportIn } from '../../helpers/org-fixture';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourcesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Where the sentences an officer may read come from. */
const SOURCES = [...sourcesUnder('src/shared'), ...sourcesUnder('src/renderer/db'), 'src/server/sync/push.ts', ...sourcesUnder('src/server/attachments')];
const ENGLISH = new Set<string>(Object.values(ERROR_MESSAGES).map((message) => message.en));

/** Single-quoted sentences: a capital first, a space inside, a full stop last. */
function sentencesIn(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  return [...text.matchAll(/'([A-Z][^'\n]* [^'\n]*\.)'/g)].map((match) => match[1]!).filter((sentence) => !ENGLISH.has(sentence));
}

describe('shared sentences in English', () => {
  it('has every sentence of the shared rules, the local store and the server’s refusals', () => {
    const missing = SOURCES.flatMap((path) => sentencesIn(path).filter((s) => sharedSentenceInEnglish(s) === null).map((s) => `${path}: ${s}`));
    expect(missing).toEqual([]);
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
  });
});
