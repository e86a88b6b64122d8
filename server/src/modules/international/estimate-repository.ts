import { sql, type Kysely, type Transaction } from 'kysely';
import { paymentUpdateColumns, type PaymentUpdate } from '../billing/index.js';
import type { Database } from '../../db/schema.js';
import type { EstimateStatus } from '../../db/tables/international.js';

type Db = Kysely<Database> | Transaction<Database>;

const estimateColumns = [
  'e.id',
  'e.organization_id',
  'e.patient_id',
  'e.title',
  'e.status',
  'e.total_cents',
  'e.reference_currency',
  sql<string | null>`e.exchange_rate::text`.as('exchange_rate'),
  'e.patient_question',
  'e.accepted_at',
  'e.created_at',
] as const;

/** Estimates, their lines and visits, deposits, deposit card payments and settlements. SQL only. */
export class EstimateRepository {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: EstimateRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new EstimateRepository(trx), trx));
  }

  patientOrg(patientId: string) {
    return this.db
      .selectFrom('patients')
      .select(['id', 'organization_id'])
      .where('id', '=', patientId)
      .executeTakeFirst();
  }

  async appointmentsOf(patientId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('id', 'in', ids)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Inserts the estimate, its lines (line totals computed by the caller) and its visits. */
  async insertEstimate(e: {
    organizationId: string;
    patientId: string;
    title: string;
    totalCents: number;
    currency: string | null;
    rate: string | null;
    preparedBy: string;
    lines: { description: string; quantity: number; unitCents: number; lineCents: number }[];
    appointmentIds: string[];
  }): Promise<string> {
    const row = await this.db
      .insertInto('care_estimates')
      .values({
        organization_id: e.organizationId,
        patient_id: e.patientId,
        title: e.title,
        total_cents: e.totalCents,
        reference_currency: e.currency,
        exchange_rate: e.rate,
        patient_question: null,
        prepared_by: e.preparedBy,
        accepted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('care_estimate_lines')
      .values(
        e.lines.map((l, i) => ({
          estimate_id: row.id,
          position: i + 1,
          description: l.description,
          quantity: l.quantity,
          unit_cents: l.unitCents,
          line_cents: l.lineCents,
        })),
      )
      .execute();
    if (e.appointmentIds.length) {
      await this.db
        .insertInto('care_estimate_visits')
        .values(e.appointmentIds.map((a) => ({ estimate_id: row.id, appointment_id: a })))
        .execute();
    }
    return row.id;
  }

  estimate(id: string, lock = false) {
    return this.db
      .selectFrom('care_estimates as e')
      .select(estimateColumns)
      .where('e.id', '=', id)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst();
  }

  estimates(patientId: string) {
    return this.db
      .selectFrom('care_estimates as e')
      .select(estimateColumns)
      .where('e.patient_id', '=', patientId)
      .orderBy('e.created_at', 'desc')
      .execute();
  }

  lines(estimateId: string) {
    return this.db
      .selectFrom('care_estimate_lines')
      .select(['description', 'quantity', 'unit_cents', 'line_cents'])
      .where('estimate_id', '=', estimateId)
      .orderBy('position')
      .execute();
  }

  async visits(estimateId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('care_estimate_visits')
      .select('appointment_id')
      .where('estimate_id', '=', estimateId)
      .execute();
    return rows.map((r) => r.appointment_id);
  }

  async answer(id: string, status: EstimateStatus, question: string | null): Promise<void> {
    await this.db
      .updateTable('care_estimates')
      .set({
        status,
        ...(status === 'accepted' ? { accepted_at: new Date() } : { patient_question: question }),
      })
      .where('id', '=', id)
      .execute();
  }

  deposit(estimateId: string, lock = false) {
    return this.db
      .selectFrom('care_deposits')
      .selectAll()
      .where('estimate_id', '=', estimateId)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst();
  }

  async insertDeposit(d: {
    estimateId: string;
    organizationId: string;
    patientId: string;
    requestedCents: number;
    requestedBy: string;
  }): Promise<boolean> {
    const row = await this.db
      .insertInto('care_deposits')
      .values({
        estimate_id: d.estimateId,
        organization_id: d.organizationId,
        patient_id: d.patientId,
        requested_cents: d.requestedCents,
        requested_by: d.requestedBy,
      })
      .onConflict((oc) => oc.column('estimate_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Paid, in flight, applied and refunded cents of one deposit. */
  async sums(depositId: string) {
    const r = await sql<{ paid: string; in_flight: string; applied: string; refunded: string }>`
      select
        (select coalesce(sum(amount_cents), 0) from care_deposit_payments where deposit_id = ${depositId} and status = 'succeeded') as paid,
        (select coalesce(sum(amount_cents), 0) from care_deposit_payments where deposit_id = ${depositId} and status in ('pending', 'requires_action')) as in_flight,
        (select coalesce(sum(amount_cents), 0) from care_deposit_settlements where deposit_id = ${depositId} and kind = 'applied') as applied,
        (select coalesce(sum(amount_cents), 0) from care_deposit_settlements where deposit_id = ${depositId} and kind = 'refunded') as refunded
    `.execute(this.db);
    const row = r.rows[0];
    return {
      paid: Number(row?.paid ?? 0),
      inFlight: Number(row?.in_flight ?? 0),
      applied: Number(row?.applied ?? 0),
      refunded: Number(row?.refunded ?? 0),
    };
  }

  paymentByKey(patientId: string, key: string) {
    return this.db
      .selectFrom('care_deposit_payments')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  payment(id: string) {
    return this.db.selectFrom('care_deposit_payments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertPayment(p: {
    depositId: string;
    patientId: string;
    amountCents: number;
    processor: 'test' | 'stripe';
    key: string;
    createdBy: string;
  }): Promise<string | null> {
    const row = await this.db
      .insertInto('care_deposit_payments')
      .values({
        deposit_id: p.depositId,
        patient_id: p.patientId,
        amount_cents: p.amountCents,
        processor: p.processor,
        processor_ref: null,
        status: 'pending',
        failure_code: null,
        card_brand: null,
        card_last4: null,
        idempotency_key: p.key,
        created_by: p.createdBy,
      })
      .onConflict((oc) => oc.columns(['patient_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Only an open payment changes: a settled or failed one stays as it is. */
  async updatePayment(id: string, set: PaymentUpdate): Promise<void> {
    await this.db
      .updateTable('care_deposit_payments')
      .set(paymentUpdateColumns(set))
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'requires_action'])
      .execute();
  }

  async expireStale(depositId: string, cutoff: Date): Promise<void> {
    await this.db
      .updateTable('care_deposit_payments')
      .set({ status: 'failed', failure_code: 'expired', updated_at: new Date() })
      .where('deposit_id', '=', depositId)
      .where('status', 'in', ['pending', 'requires_action'])
      .where('created_at', '<', cutoff)
      .execute();
  }

  /** Succeeded card payments of a deposit with what is left of each after refunds. */
  refundable(depositId: string) {
    return this.db
      .selectFrom('care_deposit_payments as p')
      .select([
        'p.id',
        'p.processor_ref',
        sql<string>`p.amount_cents - coalesce((select sum(s.amount_cents) from care_deposit_settlements s
          where s.deposit_payment_id = p.id and s.kind = 'refunded'), 0)`.as('left_cents'),
      ])
      .where('p.deposit_id', '=', depositId)
      .where('p.status', '=', 'succeeded')
      .orderBy('p.created_at')
      .execute();
  }

  settlementsByKey(depositId: string, key: string) {
    return this.db
      .selectFrom('care_deposit_settlements')
      .select(['id', 'kind', 'amount_cents'])
      .where('deposit_id', '=', depositId)
      .where('idempotency_key', '=', key)
      .execute();
  }

  async insertSettlement(s: {
    depositId: string;
    kind: 'applied' | 'refunded';
    amountCents: number;
    chargeEntryId?: string;
    ledgerEntryId?: string;
    depositPaymentId?: string;
    processorRef?: string;
    key: string;
    createdBy: string;
  }): Promise<void> {
    await this.db
      .insertInto('care_deposit_settlements')
      .values({
        deposit_id: s.depositId,
        kind: s.kind,
        amount_cents: s.amountCents,
        charge_entry_id: s.chargeEntryId ?? null,
        ledger_entry_id: s.ledgerEntryId ?? null,
        deposit_payment_id: s.depositPaymentId ?? null,
        processor_ref: s.processorRef ?? null,
        idempotency_key: s.key,
        created_by: s.createdBy,
      })
      .execute();
  }

  /** Charges of the episode's visits, with what is still owed on each (the charge plus its corrections). */
  episodeCharges(estimateId: string) {
    return this.db
      .selectFrom('ledger_entries as l')
      .innerJoin('encounters as enc', 'enc.id', 'l.encounter_id')
      .innerJoin('care_estimate_visits as v', 'v.appointment_id', 'enc.appointment_id')
      .innerJoin('appointments as a', 'a.id', 'enc.appointment_id')
      .innerJoin('care_estimates as e', 'e.id', 'v.estimate_id')
      .select([
        'l.id',
        'l.organization_id',
        'l.patient_id',
        'l.amount_cents',
        'a.id as appointment_id',
        'a.start_at',
        sql<string>`l.amount_cents + coalesce((select sum(x.amount_cents) from ledger_entries x
          where x.applies_to = l.id), 0)`.as('owed_cents'),
      ])
      .where('v.estimate_id', '=', estimateId)
      .where('l.entry_type', '=', 'charge')
      .whereRef('l.patient_id', '=', 'e.patient_id')
      .orderBy('a.start_at')
      .execute();
  }

  /**
   * Applying held money to a charge is a credit against that charge in the ledger (the ledger
   * stays the one place a balance comes from). The billing office's entries use the same shape.
   */
  async appendCredit(c: {
    organizationId: string;
    patientId: string;
    chargeEntryId: string;
    amountCents: number;
    explanation: string;
    key: string;
    createdBy: string;
  }): Promise<string> {
    const row = await this.db
      .insertInto('ledger_entries')
      .values({
        organization_id: c.organizationId,
        patient_id: c.patientId,
        entry_type: 'adjustment',
        amount_cents: -c.amountCents,
        encounter_id: null,
        applies_to: c.chargeEntryId,
        payment_id: null,
        rule_set_id: null,
        rule_code: 'deposit_applied',
        rule_params: JSON.stringify({ amount: c.amountCents }),
        explanation: c.explanation,
        created_by: c.createdBy,
        idempotency_key: c.key,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
