// What a printed document says besides its data, and how its text breaks into paragraphs:
// shared by the desktop app's letterhead PDF (src/main/print) and the browser's print sheet
// (src/renderer/platform/print-sheet.ts), so both print the same words.

export const PRINT_LABELS = {
  id: { reference: 'Nomor tiket', printedAt: 'Dicetak', page: 'Dokumen ini dicetak dari aplikasi Tindak.' },
  en: {
    reference: 'Ticket number',
    printedAt: 'Printed',
    page: 'This document was printed from the Tindak app.',
  },
} as const;

/** The paragraphs of a text, at its blank lines; single line breaks stay inside a paragraph. */
export function paragraphsOf(text: string): string[] {
  return text.split(/\n\s*\n/).filter((part) => part.trim() !== '');
}
