import type { AuthenticatedCaller } from '../../lib/caller.js';
import { patientForArea } from '../../lib/caller.js';
import { notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { translator, type Translator } from '../../lib/i18n.js';
import type { MailService } from '../mail/index.js';
import { explainLine } from './explain.js';
import { renderStatementPdf, type StatementLine } from './pdf.js';
import type { BillingRepository, LedgerRow } from './repository.js';

/** What a PDF is written in: the patient's language, days in the organization's time zone. */
interface Reader {
  tr: Translator;
  timeZone: string;
}

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
    const { reader, ...header } = await this.header(patientId);
    const pdf = await renderStatementPdf(
      {
        kind: 'statement',
        number: statement.number,
        issuedOn: reader.tr.date(statement.as_of, reader.timeZone),
        ...header,
        lines: rows.map((r) => toPdfLine(r, reader)),
        balanceCents: Number(statement.balance_cents),
      },
      reader.tr,
    );
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
    const { reader, ...header } = await this.header(patientId);
    const { tr } = reader;
    const paidOn = tr.date(payment.updated_at, reader.timeZone);
    const pdf = await renderStatementPdf(
      {
        kind: 'receipt',
        number: payment.id.slice(0, 8).toUpperCase(),
        issuedOn: paidOn,
        ...header,
        lines: [
          {
            date: paidOn,
            description: [
              payment.card_last4
                ? tr.t('statement.cardPaymentLast4', { brand: payment.card_brand ?? '', last4: payment.card_last4 })
                : tr.t('statement.cardPayment'),
            ],
            amountCents: -Number(payment.amount_cents),
            hsaFsaEligible: false,
          },
        ],
        balanceCents: await this.repo.balanceAfterPayment(patientId, payment.id),
      },
      tr,
    );
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
      reader: { tr: translator(who.preferred_language), timeZone: org.time_zone },
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

function toPdfLine(r: LedgerRow, { tr, timeZone }: Reader): StatementLine {
  const clinician = [r.clinician_given, r.clinician_family].filter(Boolean).join(' ');
  const date = r.start_at ? tr.date(r.start_at, timeZone) : null;
  const visit = date
    ? clinician
      ? tr.t('statement.visitWith', { date, clinician })
      : tr.t('statement.visit', { date })
    : null;
  const why = explainLine(tr, {
    rule: r.rule_code ?? r.entry_type,
    params: r.rule_params ?? {},
    text: r.explanation,
    amountCents: Number(r.amount_cents),
  });
  return {
    date: tr.date(r.created_at, timeZone),
    description: visit ? [visit, why] : [why],
    amountCents: Number(r.amount_cents),
    hsaFsaEligible: r.hsa_fsa_eligible,
  };
}
