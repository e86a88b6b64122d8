import type { BillingSummary, ChargePreview, Dispute, LedgerLine } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { jobCaller, patientForArea } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { JobService } from '../jobs/index.js';
import { writeChargeAndStatement } from './charge.js';
import type { DisputeRepository } from './dispute-repository.js';
import { toDispute } from './disputes.js';
import type { StatementService } from './statements.js';
import { decideCharge, type VisitOutcome } from './engine.js';
import type { BillingRepository, LedgerRow } from './repository.js';
import { DEFAULT_FEE_RULES, parseFeeRules } from './rules.js';

const CHARGE_JOB = 'billing.charge_visit';

/** Charges for visits, the patient's balance and lines. Payments live in payments.ts. */
export class BillingService {
  constructor(
    private readonly repo: BillingRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobService,
    private readonly processorName: 'test' | 'stripe' | 'none',
    private readonly statements: StatementService,
    private readonly disputes: DisputeRepository,
  ) {
    jobs.register(CHARGE_JOB, async (p) => void (await this.chargeVisit(String(p['encounterId']))));
  }

  /**
   * Called when a visit ends or is cancelled, inside the transaction `trx` that ends it when given:
   * the charge is written by a durable job, once.
   */
  async visitEnded(encounterId: string, trx?: Kysely<Database>): Promise<void> {
    await this.jobs.enqueue({ kind: CHARGE_JOB, payload: { encounterId }, dedupeKey: `charge:${encounterId}` }, trx);
  }

  /**
   * Runs the fee engine for one ended visit and writes its charge (even a $0 one, so the bill
   * explains itself) with the rule set in force when the visit took place. Idempotent.
   */
  async chargeVisit(encounterId: string): Promise<string | null> {
    // The charge, its statement and its audit row (a system action: no one signed in wrote it) are
    // written together: a retried job never leaves one without the others (decision 0027).
    const charged = await this.repo.transaction(async (repo, trx) => {
      const c = await writeChargeAndStatement(repo, encounterId);
      if (c) {
        await this.audit.record(
          jobCaller(`charge:${encounterId}`, c.organizationId),
          {
            action: 'billing.charge',
            entityType: 'ChargeItem',
            entityId: c.id,
            patientId: c.patientId,
            outcome: 'allowed',
            detail: { encounterId, amountCents: c.amountCents },
          },
          trx,
        );
      }
      return c;
    });
    if (charged && charged.amountCents > 0) await this.statements.notify(charged.patientId);
    return charged?.id ?? null;
  }

  async summary(caller: AuthenticatedCaller): Promise<BillingSummary> {
    const patientId = patientForArea(caller, 'billing');
    const summary = await this.summaryFor(patientId);
    await this.audit.record(caller, {
      action: 'billing.view',
      entityType: 'Account',
      entityId: patientId,
      patientId,
      outcome: 'allowed',
    });
    return summary;
  }

  /** One patient's bill (the caller's access and the audit are the caller's business). */
  async summaryFor(patientId: string): Promise<BillingSummary> {
    const org = await this.repo.patientOrganization(patientId);
    if (!org) throw notFound('This record');
    const [rows, balanceCents, statements, disputes] = await Promise.all([
      this.repo.lines(patientId),
      this.repo.balance(patientId),
      this.repo.statements(patientId),
      this.disputes.forPatient(patientId),
    ]);
    // Newest first: the first dispute seen for a line is its current one.
    const disputeOf = new Map<string, Dispute>();
    for (const d of disputes) if (!disputeOf.has(d.ledger_entry_id)) disputeOf.set(d.ledger_entry_id, toDispute(d));
    return {
      patientId,
      balanceCents,
      billingPhone: org.billing_phone,
      organizationName: org.name,
      paymentProcessor: this.processorName,
      lines: rows.map((r) => toLine(r, disputeOf.get(r.id) ?? null)),
      statements: statements.map((st) => ({
        id: st.id,
        number: st.number,
        asOf: st.as_of.toISOString(),
        balanceCents: Number(st.balance_cents),
      })),
    };
  }

  /**
   * What a visit would cost the patient under their coverage: a video visit today, or one planned
   * appointment (its organization's rules in force at its start, its video or phone mode).
   */
  async preview(caller: AuthenticatedCaller, appointmentId?: string): Promise<ChargePreview> {
    const patientId = patientForArea(caller, 'billing');
    const planned = appointmentId ? await this.repo.plannedAppointment(patientId, appointmentId) : null;
    if (appointmentId && !planned) throw notFound('This appointment');
    if (planned?.mode === 'in_person') {
      throw new AppError(
        'preview_not_available',
        422,
        'Costs are shown here for video and phone visits only. For an in-person visit, call the billing office.',
      );
    }
    const org = await this.repo.patientOrganization(patientId);
    if (!org) throw notFound('This record');
    const at = planned?.start_at ?? new Date();
    const ruleSet = await this.repo.ruleSetAt(planned?.organization_id ?? org.organization_id, at);
    const rules = ruleSet ? parseFeeRules(ruleSet.rules) : DEFAULT_FEE_RULES;
    const outcome: VisitOutcome = planned?.mode === 'phone' ? 'completed_phone' : 'completed_video';
    const d = decideCharge(outcome, await this.repo.primaryCoverage(patientId), rules);
    await this.audit.record(caller, {
      action: 'billing.preview',
      entityType: planned ? 'Appointment' : 'Account',
      entityId: planned ? planned.id : patientId,
      patientId,
      outcome: 'allowed',
    });
    return {
      amountCents: d.amountCents,
      hsaFsaEligible: d.hsaFsaEligible,
      referral: d.referral,
      explanation: { rule: d.rule, params: d.params, text: d.text },
    };
  }
}

function toLine(r: LedgerRow, dispute: Dispute | null): LedgerLine {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r.rule_params ?? {}))
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  const clinician = r.clinician_family
    ? `${r.clinician_given ?? ''} ${r.clinician_family}${r.clinician_credentials ? `, ${r.clinician_credentials}` : ''}`.trim()
    : '';
  return {
    id: r.id,
    type: r.entry_type,
    amountCents: Number(r.amount_cents),
    postedAt: r.created_at.toISOString(),
    explanation: { rule: r.rule_code ?? r.entry_type, params, text: r.explanation },
    hsaFsaEligible: r.hsa_fsa_eligible,
    paymentId: r.payment_id,
    dispute,
    visit:
      r.appointment_id && r.start_at
        ? {
            appointmentId: r.appointment_id,
            start: r.start_at.toISOString(),
            clinicianName: clinician,
            outcome: r.outcome,
          }
        : null,
  };
}
