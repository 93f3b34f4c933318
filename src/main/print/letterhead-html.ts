// A case summary or handling report as one self-contained HTML page on the office letterhead,
// for printToPDF. Every value is escaped: the data comes from the renderer and, before that,
// from members of the public, and must never become markup.
import { PRINT_LABELS, paragraphsOf } from '../../preload/printable-text';
import type { PrintableDocument } from '../../preload/schemas';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? '');
}

/** Paragraphs from the text's blank-line breaks; single line breaks become <br>. */
function paragraphs(text: string): string {
  return paragraphsOf(text)
    .map((part) => `<p>${escapeHtml(part).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

const STYLE = `
  @page { size: A4; margin: 18mm 18mm 20mm 18mm; }
  body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; }
  .letterhead { display: flex; flex-direction: column; align-items: center; text-align: center;
    border-bottom: 3px double #111; padding-bottom: 6px; margin-bottom: 14px; }
  .letterhead .organisation { font-size: 14pt; font-weight: 700; text-transform: uppercase; }
  .letterhead .unit { font-size: 12pt; font-weight: 600; }
  .letterhead .address { font-size: 9pt; }
  h1 { font-size: 13pt; text-align: center; margin: 8px 0 2px; }
  .reference { text-align: center; margin: 0 0 12px; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 12px; }
  th, td { text-align: left; vertical-align: top; padding: 3px 6px; border: 1px solid #999; }
  th { width: 32%; background: #f0f0f0; font-weight: 600; }
  h2 { font-size: 11pt; margin: 14px 0 4px; }
  footer { margin-top: 24px; font-size: 8.5pt; color: #444; border-top: 1px solid #999; padding-top: 4px; }
`;

export function renderLetterheadHtml(document: PrintableDocument): string {
  const labels = PRINT_LABELS[document.language];
  const { letterhead } = document;
  const fieldRows = document.fields
    .map(
      (field) =>
        `<tr><th scope="row">${escapeHtml(field.label)}</th><td>${escapeHtml(field.value)}</td></tr>`,
    )
    .join('\n');
  const sections = document.sections
    .map(
      (section) => `<section><h2>${escapeHtml(section.heading)}</h2>\n${paragraphs(section.body)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(document.title)} ${escapeHtml(document.reference)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="letterhead">
<div class="organisation">${escapeHtml(letterhead.organisation)}</div>
${letterhead.unit ? `<div class="unit">${escapeHtml(letterhead.unit)}</div>` : ''}
${letterhead.address ? `<div class="address">${escapeHtml(letterhead.address)}</div>` : ''}
</header>
<h1>${escapeHtml(document.title)}</h1>
<p class="reference">${labels.reference}: <strong>${escapeHtml(document.reference)}</strong></p>
${fieldRows ? `<table>\n${fieldRows}\n</table>` : ''}
${sections}
<footer>${labels.printedAt}: ${escapeHtml(document.printedAt)}. ${labels.page}</footer>
</body>
</html>
`;
}

/** The file name offered in the save dialog, e.g. `ringkasan-kasus-LAP-2026-0001.pdf`. */
export function pdfFileName(document: PrintableDocument): string {
  const kind =
    document.kind === 'caseSummary'
      ? { id: 'ringkasan-kasus', en: 'case-summary' }
      : { id: 'laporan-penanganan', en: 'handling-report' };
  return `${kind[document.language]}-${document.reference.replace(/[^A-Za-z0-9._-]/g, '-')}.pdf`;
}
