import type { Translator } from '../../lib/i18n.js';
import { collectPdf, newPdf, PdfText } from '../../lib/pdf-text.js';

export interface StatementLine {
  /** The calendar day, already written in the patient's language. */
  date: string;
  /** Already in the patient's language: the visit, then why it costs what it costs. */
  description: string[];
  amountCents: number;
  hsaFsaEligible: boolean;
}

export interface StatementDocument {
  kind: 'statement' | 'receipt';
  number: string;
  /** The issue day, already written in the patient's language. */
  issuedOn: string;
  organizationName: string;
  billingPhone: string | null;
  payOnlineUrl: string;
  addressee: string[];
  lines: StatementLine[];
  balanceCents: number;
}

const MARGIN = 54;

/**
 * Renders a statement or a receipt as a PDF in the patient's language (right to left for Arabic):
 * what is owed, why, and every way to pay.
 */
export async function renderStatementPdf(doc: StatementDocument, tr: Translator): Promise<Buffer> {
  const pdf = await newPdf({
    size: 'LETTER',
    // Uncompressed: statements are small, and the text stays checkable by tests and mail tools.
    compress: false,
    margin: MARGIN,
    lang: tr.lang,
    displayTitle: true,
    info: {
      Title: `${doc.organizationName}: ${tr.t(`statement.heading.${doc.kind}`)} ${doc.number}`,
      Author: doc.organizationName,
    },
  });
  const done = collectPdf(pdf);
  const text = new PdfText(pdf, tr.lang, tr.dir, MARGIN);
  const gap = (points: number) => (pdf.y += points);

  text.write(doc.organizationName, { size: 18, bold: true });
  text.write(tr.t(`statement.heading.${doc.kind}`), { size: 11 });
  gap(6);
  text.write(tr.t(`statement.number.${doc.kind}`, { number: doc.number }), { size: 11 });
  text.write(tr.t('statement.date', { date: doc.issuedOn }), { size: 11 });
  gap(12);
  text.write(doc.addressee.join('\n'), { size: 11 });
  gap(12);

  text.write(tr.t(`statement.section.${doc.kind}`), { size: 12, bold: true });
  gap(4);
  const dateWidth = 95;
  const amountWidth = 100;
  const descriptionX = MARGIN + dateWidth + 8;
  const descriptionWidth = text.width - dateWidth - amountWidth - 16;
  for (const line of doc.lines) {
    const y = pdf.y;
    const afterDate = text.write(line.date, { size: 10 }, { x: text.column(MARGIN, dateWidth), width: dateWidth, y });
    let afterDescription = text.write(
      line.description.join('\n'),
      { size: 10 },
      {
        x: text.column(descriptionX, descriptionWidth),
        width: descriptionWidth,
        y,
      },
    );
    if (line.hsaFsaEligible) {
      afterDescription = text.write(
        tr.t('statement.hsa'),
        { size: 9 },
        {
          x: text.column(descriptionX, descriptionWidth),
          width: descriptionWidth,
          y: afterDescription,
        },
      );
    }
    const amount =
      line.amountCents < 0
        ? tr.t('statement.credit', { amount: tr.money(-line.amountCents) })
        : tr.money(line.amountCents);
    const afterAmount = text.write(
      amount,
      { size: 10 },
      {
        x: text.column(MARGIN + text.width - amountWidth, amountWidth),
        width: amountWidth,
        y,
        align: 'end',
      },
    );
    pdf.y = Math.max(afterDate, afterDescription, afterAmount) + 6;
  }
  if (doc.lines.length === 0) text.write(tr.t('statement.none'), { size: 10 });
  gap(12);
  const total = tr.money(doc.balanceCents);
  text.write(
    doc.kind === 'statement'
      ? tr.t('statement.due', { amount: total })
      : tr.t('statement.balanceAfter', { amount: total }),
    { size: 13, bold: true },
  );
  gap(12);

  text.write(tr.t('statement.waysToPay'), { size: 11, bold: true });
  text.write(tr.t('statement.online', { url: doc.payOnlineUrl }), { size: 10 });
  if (doc.billingPhone) text.write(tr.t('statement.phone', { phone: doc.billingPhone }), { size: 10 });
  text.write(tr.t('statement.mail', { org: doc.organizationName }), { size: 10 });
  text.write(tr.t('statement.noAdvance'), { size: 10 });
  gap(12);
  text.write(tr.t('statement.hsaNote'), { size: 10 });
  text.write(
    doc.billingPhone ? tr.t('statement.disputePhone', { phone: doc.billingPhone }) : tr.t('statement.dispute'),
    { size: 10 },
  );
  pdf.end();
  return done;
}
