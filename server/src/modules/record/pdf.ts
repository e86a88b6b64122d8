import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Translator } from '../../lib/i18n.js';
import { collectPdf, newPdf, PdfText } from '../../lib/pdf-text.js';
import type { RecordSummary } from './summary.js';

const MARGIN = 54;

/**
 * Renders a record summary as a PDF in the patient's language (right to left for Arabic), with the
 * fonts and line layout of statements (decision 0036). Between sections the event loop runs other
 * requests; the summary is bounded (summary.ts LIMITS), so the document is too.
 */
export async function renderRecordPdf(summary: RecordSummary, tr: Translator): Promise<Buffer> {
  const pdf = await newPdf({
    size: 'LETTER',
    // Uncompressed like statements: the text stays checkable by tests and mail tools.
    compress: false,
    margin: MARGIN,
    lang: tr.lang,
    displayTitle: true,
    info: { Title: `${summary.organizationName}: ${summary.title}`, Author: summary.organizationName },
  });
  const done = collectPdf(pdf);
  const text = new PdfText(pdf, tr.lang, tr.dir, MARGIN);
  const gap = (points: number) => (pdf.y += points);

  if (summary.organizationName) text.write(summary.organizationName, { size: 11 });
  text.write(summary.title, { size: 18, bold: true });
  gap(4);
  text.write(summary.heading.join('\n'), { size: 10 });
  gap(8);
  text.write(summary.notice, { size: 9, bold: true });
  for (const s of summary.sections) {
    await yieldToLoop();
    gap(14);
    text.write(s.title, { size: 13, bold: true });
    gap(2);
    if (s.items.length === 0) text.write(s.empty, { size: 10 });
    for (const [first = '', ...rest] of s.items) {
      text.write(first, { size: 10, bold: true });
      if (rest.length > 0)
        text.write(
          rest.join('\n'),
          { size: 9 },
          { x: text.column(MARGIN + 12, text.width - 12), width: text.width - 12 },
        );
      gap(4);
    }
    if (s.more > 0) text.write(tr.t('record.more', { count: s.more }), { size: 9 });
  }
  gap(14);
  text.write(summary.closing, { size: 9 });
  pdf.end();
  return done;
}
