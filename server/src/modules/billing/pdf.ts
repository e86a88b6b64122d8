import PDFDocument from 'pdfkit';
import { dollars } from './engine.js';

export interface StatementLine {
  date: string;
  description: string[];
  amountCents: number;
  hsaFsaEligible: boolean;
}

export interface StatementDocument {
  kind: 'statement' | 'receipt';
  number: string;
  issuedOn: string;
  organizationName: string;
  billingPhone: string | null;
  payOnlineUrl: string;
  addressee: string[];
  lines: StatementLine[];
  balanceCents: number;
}

const MARGIN = 54;

/** Renders a statement or a receipt as a PDF: what is owed, why, and every way to pay. */
export function renderStatementPdf(doc: StatementDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'LETTER',
    // Uncompressed: statements are small, and the text stays checkable by tests and mail tools.
    compress: false,
    margin: MARGIN,
    info: { Title: `${doc.organizationName} ${doc.kind} ${doc.number}`, Author: doc.organizationName },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - MARGIN * 2;

  pdf.font('Helvetica-Bold').fontSize(18).text(doc.organizationName);
  pdf
    .font('Helvetica')
    .fontSize(11)
    .text(doc.kind === 'statement' ? 'Patient statement' : 'Payment receipt');
  pdf.moveDown(0.5);
  pdf.text(`${doc.kind === 'statement' ? 'Statement' : 'Receipt'} number: ${doc.number}`);
  pdf.text(`Date: ${doc.issuedOn}`);
  pdf.moveDown();
  for (const line of doc.addressee) pdf.text(line);
  pdf.moveDown();

  pdf
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(doc.kind === 'statement' ? 'Charges and payments' : 'Payment');
  pdf.moveDown(0.3);
  const amountX = MARGIN + width - 90;
  for (const line of doc.lines) {
    const y = pdf.y;
    pdf.font('Helvetica').fontSize(10).text(line.date, MARGIN, y, { width: 80 });
    pdf.text(line.description.join('\n'), MARGIN + 85, y, { width: amountX - MARGIN - 95 });
    const after = pdf.y;
    pdf.text(dollars(Math.abs(line.amountCents)) + (line.amountCents < 0 ? ' CR' : ''), amountX, y, {
      width: 90,
      align: 'right',
    });
    pdf.y = Math.max(after, pdf.y);
    if (line.hsaFsaEligible) pdf.fontSize(9).text('HSA/FSA eligible', MARGIN + 85);
    pdf.moveDown(0.6);
  }
  if (doc.lines.length === 0) pdf.font('Helvetica').fontSize(10).text('No charges.');
  pdf.moveDown();
  pdf
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(
      `${doc.kind === 'statement' ? 'Amount due' : 'Balance after this payment'}: ${dollars(doc.balanceCents)}`,
      MARGIN,
    );
  pdf.moveDown();

  pdf.font('Helvetica-Bold').fontSize(11).text('Ways to pay');
  pdf.font('Helvetica').fontSize(10);
  pdf.text(`Online: ${doc.payOnlineUrl} (credit and debit cards, all major brands).`);
  if (doc.billingPhone) pdf.text(`By phone: call the billing office at ${doc.billingPhone}.`);
  pdf.text(`By mail: send a personal check payable to ${doc.organizationName}, with the statement number.`);
  pdf.text('Payment is due only for visits that have taken place; we never ask for payment in advance.');
  pdf.moveDown();
  pdf.text(
    `Co-pays and deductibles are usually eligible for a health savings or flexible spending account (HSA/FSA). ` +
      `Think this bill is wrong? Tell us from the billing page in Portico${doc.billingPhone ? ` or call ${doc.billingPhone}` : ''}.`,
  );
  pdf.end();
  return done;
}
