/**
 * The browser's print of a PrintableDocument: the document itself, not the page as shown. The
 * desk may be showing a reporter's full numbers (after "Tampilkan nomor") or every report of
 * the case; the printable document holds only what the officer chose to print, masked as the
 * role must see it. It is built as DOM nodes from text (nothing becomes markup), shown alone by
 * the print stylesheet (theme.css, `.print-sheet`), and removed once the print dialog has closed.
 */
import { PRINT_LABELS, paragraphsOf } from '../../preload/printable-text';
import type { PrintableDocument } from '../../preload/schemas';

export function printDocumentInPage(document: PrintableDocument, print: () => void): void {
  const doc = window.document;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const labels = PRINT_LABELS[document.language];
  const sheet = element('article', undefined, 'print-sheet');
  sheet.lang = document.language;
  const letterhead = element('header', undefined, 'print-sheet__letterhead');
  letterhead.append(element('div', document.letterhead.organisation, 'print-sheet__organisation'));
  if (document.letterhead.unit) letterhead.append(element('div', document.letterhead.unit));
  if (document.letterhead.address) letterhead.append(element('div', document.letterhead.address));
  sheet.append(letterhead, element('h1', document.title));
  const reference = element('p', `${labels.reference}: `);
  reference.append(element('strong', document.reference));
  sheet.append(reference);
  if (document.fields.length > 0) {
    const table = element('table');
    for (const field of document.fields) {
      const row = element('tr');
      const label = element('th', field.label);
      label.scope = 'row';
      row.append(label, element('td', field.value));
      table.append(row);
    }
    sheet.append(table);
  }
  for (const section of document.sections) {
    const part = element('section');
    part.append(element('h2', section.heading));
    for (const paragraph of paragraphsOf(section.body)) part.append(element('p', paragraph));
    sheet.append(part);
  }
  sheet.append(element('footer', `${labels.printedAt}: ${document.printedAt}. ${labels.page}`));
  doc.body.append(sheet);
  doc.body.classList.add('is-printing-sheet');
  const done = () => {
    sheet.remove();
    doc.body.classList.remove('is-printing-sheet');
  };
  try {
    // Blocks until the dialog has closed (Chromium, where the desk runs).
    print();
  } finally {
    done();
  }
}
