import type { AuthenticatedCaller } from '../../lib/caller.js';
import { patientForArea } from '../../lib/caller.js';
import { notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { MailService } from '../mail/index.js';
import { renderStatementPdf, type StatementLine } from './pdf.js';
import type { BillingRepository, LedgerRow } from './repository.js';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Statements (the ledger as of an instant) and receipts, as PDFs to download or mail. */
export class StatementService {
  constructor(
    private readonly repo: BillingRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
  ) {}

  /** A new bill is waiting: the email says only that, with a link. */
  async notify(patientId: string): Promise<void> {
    const to = await this.repo.receiptAddress(patientId, null);
    if (!to) return;
    const link = `${this.publicUrl}/billing`;
    await this.mail.sendTo(to, (tr) => ({
      subject: tr.t('email.statementReady.subject'),
      lines: [tr.t('email.statementReady.body'), '', tr.t('email.statementReady.link', { link })],
    }));
  }

  async statementPdf(caller: AuthenticatedCaller, id: string): Promise<{ filename: string; pdf: Buffer }> {
    const patientId = patientForArea(caller, 'billing');
    const statement = await this.repo.statement(id);
    if (!statement || statement.patient_id !== patientId) {
      await this.record(caller, patientId, id, 'billing.statement_download', 'denied');
      throw notFound('This statement');
    }
    const rows = await this.repo.lines(patientId, statement.id);
    const pdf = await renderStatementPdf({
      kind: 'statement',
      number: statement.number,
      issuedOn: day(statement.as_of),
      ...(await this.header(patientId)),
      lines: rows.map(toPdfLine),
      balanceCents: Number(statement.balance_cents),
    });
    await this.record(caller, patientId, id, 'billing.statement_download', 'allowed');
    return { filename: `statement-${statement.number}.pdf`, pdf };
  }

  async receiptPdf(caller: AuthenticatedCaller, paymentId: string): Promise<{ filename: string; pdf: Buffer }> {
    const patientId = patientForArea(caller, 'billing');
    const payment = await this.repo.payment(paymentId);
    if (!payment || payment.patient_id !== patientId || payment.status !== 'succeeded') {
      await this.record(caller, patientId, paymentId, 'billing.receipt_download', 'denied');
      throw notFound('This receipt');
    }
    const card = payment.card_last4 ? ` (${payment.card_brand ?? 'card'} ending ${payment.card_last4})` : '';
    const pdf = await renderStatementPdf({
      kind: 'receipt',
      number: payment.id.slice(0, 8).toUpperCase(),
      issuedOn: day(payment.updated_at),
      ...(await this.header(patientId)),
      lines: [
        {
          date: day(payment.updated_at),
          description: [`Payment received by card${card}. Thank you.`],
          amountCents: -Number(payment.amount_cents),
          hsaFsaEligible: false,
        },
      ],
      balanceCents: await this.repo.balanceAfterPayment(patientId, payment.id),
    });
    await this.record(caller, patientId, paymentId, 'billing.receipt_download', 'allowed');
    return { filename: `receipt-${payment.id.slice(0, 8)}.pdf`, pdf };
  }

  private async header(patientId: string) {
    const org = await this.repo.patientOrganization(patientId);
    const who = await this.repo.statementAddressee(patientId);
    if (!org || !who) throw notFound('This record');
    const cityLine = [who.address_city, [who.address_region, who.address_postal_code].filter(Boolean).join(' ')]
      .filter(Boolean)
      .join(', ');
    return {
      organizationName: org.name,
      billingPhone: org.billing_phone,
      payOnlineUrl: `${this.publicUrl}/billing`,
      addressee: [`${who.given_name} ${who.family_name}`, who.address_line1, who.address_line2, cityLine].filter(
        (l): l is string => Boolean(l),
      ),
    };
  }

  private async record(
    caller: AuthenticatedCaller,
    patientId: string,
    id: string,
    action: string,
    outcome: 'allowed' | 'denied',
  ): Promise<void> {
    await this.audit.record(caller, { action, entityType: 'Invoice', entityId: id, patientId, outcome });
  }
}

function toPdfLine(r: LedgerRow): StatementLine {
  const clinician = [r.clinician_given, r.clinician_family].filter(Boolean).join(' ');
  const visit = r.start_at ? `Virtual visit on ${day(r.start_at)}${clinician ? ` with ${clinician}` : ''}` : null;
  return {
    date: day(r.created_at),
    description: visit ? [visit, r.explanation] : [r.explanation],
    amountCents: Number(r.amount_cents),
    hsaFsaEligible: r.hsa_fsa_eligible,
  };
}
