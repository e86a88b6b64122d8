import { sql, type Kysely, type Transaction } from 'kysely';
import { paymentUpdateColumns, type PaymentUpdate } from './card-payment.js';
import type { Database } from '../../db/schema.js';
import type { LedgerEntryType, PaymentMethod } from '../../db/tables/billing.js';
import type { PrimaryCoverage, VisitOutcome } from './engine.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface EncounterForBilling {
  encounter_id: string;
  organization_id: string;
  patient_id: string;
  outcome: VisitOutcome | null;
  ended_at: Date | null;
  start_at: Date;
}

export interface LedgerRow {
  id: string;
  entry_type: LedgerEntryType;
  amount_cents: string;
  created_at: Date;
  rule_code: string | null;
  rule_params: Record<string, unknown>;
  explanation: string;
  hsa_fsa_eligible: boolean;
  payment_id: string | null;
  appointment_id: string | null;
  start_at: Date | null;
  outcome: string | null;
  clinician_given: string | null;
  clinician_family: string | null;
  clinician_credentials: string | null;
}

export interface NewLedgerEntry {
  organizationId: string;
  patientId: string;
  type: LedgerEntryType;
  amountCents: number;
  encounterId?: string;
  appliesTo?: string;
  paymentId?: string;
  ruleSetId?: string | null;
  ruleCode?: string;
  ruleParams?: Record<string, string | number>;
  explanation: string;
  hsaFsaEligible?: boolean;
  createdBy: string | null;
  idempotencyKey?: string;
}

/** Fee rule sets, the ledger and payments. SQL only. */
export class BillingRepository {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: BillingRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new BillingRepository(trx), trx));
  }

  encounter(encounterId: string): Promise<EncounterForBilling | undefined> {
    return this.db
      .selectFrom('encounters as e')
      .innerJoin('appointments as a', 'a.id', 'e.appointment_id')
      .select(['e.id as encounter_id', 'e.organization_id', 'e.patient_id', 'e.outcome', 'e.ended_at', 'a.start_at'])
      .where('e.id', '=', encounterId)
      .executeTakeFirst();
  }

  /** The rule set in force at an instant: the highest version whose effective date has come. */
  ruleSetAt(organizationId: string, at: Date) {
    return this.db
      .selectFrom('fee_rule_sets')
      .select(['id', 'version', 'rules', 'effective_from'])
      .where('organization_id', '=', organizationId)
      .where('effective_from', '<=', at)
      .orderBy('effective_from', 'desc')
      .orderBy('version', 'desc')
      .executeTakeFirst();
  }

  async primaryCoverage(patientId: string): Promise<PrimaryCoverage | null> {
    const row = await this.db
      .selectFrom('coverages as c')
      .innerJoin('insurance_plans as p', 'p.id', 'c.plan_id')
      .select([
        'p.payer_name',
        'p.plan_name',
        'p.payer_category',
        'p.virtual_visit_cost',
        'p.virtual_visit_copay_cents',
        'p.requires_pcp_referral',
        'c.pcp_referral_on_file',
      ])
      .where('c.patient_id', '=', patientId)
      .where('c.status', '=', 'active')
      .where('c.priority', '=', 1)
      .executeTakeFirst();
    if (!row) return null;
    return {
      payerName: row.payer_name,
      planName: row.plan_name,
      payerCategory: row.payer_category,
      virtualVisitCost: row.virtual_visit_cost,
      copayCents: row.virtual_visit_copay_cents,
      requiresPcpReferral: row.requires_pcp_referral,
      referralOnFile: row.pcp_referral_on_file,
    };
  }

  /** Inserts an entry; a second charge for one visit hits the unique index and returns null. */
  async append(e: NewLedgerEntry): Promise<string | null> {
    const row = await this.db
      .insertInto('ledger_entries')
      .values({
        organization_id: e.organizationId,
        patient_id: e.patientId,
        entry_type: e.type,
        amount_cents: e.amountCents,
        encounter_id: e.encounterId ?? null,
        applies_to: e.appliesTo ?? null,
        payment_id: e.paymentId ?? null,
        rule_set_id: e.ruleSetId ?? null,
        rule_code: e.ruleCode ?? null,
        rule_params: JSON.stringify(e.ruleParams ?? {}),
        explanation: e.explanation,
        hsa_fsa_eligible: e.hsaFsaEligible ?? false,
        created_by: e.createdBy,
        idempotency_key: e.idempotencyKey ?? null,
      })
      .onConflict((oc) => oc.columns(['encounter_id']).where('entry_type', '=', 'charge').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** The balance is the sum of the ledger, always; locking the patient row serializes payments. */
  async balance(patientId: string, lock = false): Promise<number> {
    if (lock) await sql`select id from patients where id = ${patientId} for update`.execute(this.db);
    const row = await this.db
      .selectFrom('ledger_entries')
      .select(sql<string>`coalesce(sum(amount_cents), 0)::bigint`.as('total'))
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  /** The balance just after a payment was posted (compared in SQL, to the microsecond). */
  async balanceAfterPayment(patientId: string, paymentId: string): Promise<number> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select(sql<string>`coalesce(sum(amount_cents), 0)::bigint`.as('total'))
      .where('patient_id', '=', patientId)
      .where('created_at', '<=', (eb) =>
        eb
          .selectFrom('ledger_entries')
          .select('created_at')
          .where('payment_id', '=', paymentId)
          .where('entry_type', '=', 'payment'),
      )
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  /** The patient's ledger lines, newest visit first; with a statement, only those posted by its as-of time. */
  lines(patientId: string, statementId?: string): Promise<LedgerRow[]> {
    return (
      this.db
        .selectFrom('ledger_entries as l')
        .leftJoin('encounters as e', 'e.id', 'l.encounter_id')
        .leftJoin('appointments as a', 'a.id', 'e.appointment_id')
        .leftJoin('clinicians as c', 'c.id', 'e.clinician_id')
        .select([
          'l.id',
          'l.entry_type',
          'l.amount_cents',
          'l.created_at',
          'l.rule_code',
          'l.rule_params',
          'l.explanation',
          'l.hsa_fsa_eligible',
          'l.payment_id',
          'a.id as appointment_id',
          'a.start_at',
          'e.outcome',
          'c.given_name as clinician_given',
          'c.family_name as clinician_family',
          'c.credentials as clinician_credentials',
        ])
        .where('l.patient_id', '=', patientId)
        // Compared in SQL: timestamps keep microseconds there, a JavaScript Date only milliseconds.
        .$if(statementId !== undefined, (q) =>
          q.where('l.created_at', '<=', (eb) =>
            eb
              .selectFrom('statements')
              .select('as_of')
              .where('id', '=', statementId ?? ''),
          ),
        )
        .orderBy(sql`coalesce(a.start_at, l.created_at)`, 'desc')
        .orderBy('l.created_at', 'desc')
        .orderBy('l.id')
        .execute()
    );
  }

  /** One of the patient's appointments still ahead (booked or about to start). */
  plannedAppointment(patientId: string, appointmentId: string) {
    return this.db
      .selectFrom('appointments')
      .select(['id', 'organization_id', 'mode', 'start_at'])
      .where('id', '=', appointmentId)
      .where('patient_id', '=', patientId)
      .where('status', 'in', ['proposed', 'pending', 'booked', 'arrived', 'checked-in', 'waitlist'])
      .executeTakeFirst();
  }

  patientOrganization(patientId: string) {
    return this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select(['p.id', 'p.organization_id', 'o.name', 'o.billing_phone', 'o.time_zone'])
      .where('p.id', '=', patientId)
      .executeTakeFirst();
  }

  paymentByKey(patientId: string, key: string) {
    return this.db
      .selectFrom('payments')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  payment(id: string) {
    return this.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The payment row, locked until the transaction ends: two requests for one payment settle it once. */
  paymentForUpdate(id: string) {
    return this.db.selectFrom('payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async insertPayment(p: {
    organizationId: string;
    patientId: string;
    amountCents: number;
    method: PaymentMethod;
    processor: 'test' | 'stripe' | null;
    idempotencyKey: string;
    createdBy: string;
    checkNumber?: string;
  }): Promise<string | null> {
    const row = await this.db
      .insertInto('payments')
      .values({
        organization_id: p.organizationId,
        patient_id: p.patientId,
        amount_cents: p.amountCents,
        method: p.method,
        processor: p.processor,
        processor_ref: null,
        status: 'pending',
        failure_code: null,
        card_brand: null,
        card_last4: null,
        check_number: p.checkNumber ?? null,
        idempotency_key: p.idempotencyKey,
        created_by: p.createdBy,
      })
      .onConflict((oc) => oc.columns(['patient_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async updatePayment(id: string, set: PaymentUpdate): Promise<void> {
    await this.db
      .updateTable('payments')
      .set(paymentUpdateColumns(set))
      .where('id', '=', id)
      // Only an open payment changes: a failed or settled one stays as it is.
      .where('status', 'in', ['pending', 'requires_action'])
      .execute();
  }

  /** Marks this patient's payments left open since before `cutoff` as failed (lapsed). */
  async expireStalePayments(patientId: string, cutoff: Date): Promise<void> {
    await this.db
      .updateTable('payments')
      .set({ status: 'failed', failure_code: 'expired', updated_at: new Date() })
      .where('patient_id', '=', patientId)
      .where('status', 'in', ['pending', 'requires_action'])
      .where('created_at', '<', cutoff)
      .execute();
  }

  /** Payments started but not yet settled: they count against what may still be paid. */
  async inFlightCents(patientId: string): Promise<number> {
    const row = await this.db
      .selectFrom('payments')
      .select(sql<string>`coalesce(sum(amount_cents), 0)::bigint`.as('total'))
      .where('patient_id', '=', patientId)
      .where('status', 'in', ['pending', 'requires_action'])
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  /** Where a receipt goes: the patient's address, else the paying account's (a proxy paying for someone). */
  async receiptAddress(patientId: string, payerUserId: string | null): Promise<string | null> {
    const patient = await this.db.selectFrom('patients').select('email').where('id', '=', patientId).executeTakeFirst();
    if (patient?.email) return patient.email;
    if (!payerUserId) return null;
    const user = await this.db.selectFrom('users').select('email').where('id', '=', payerUserId).executeTakeFirst();
    return user?.email ?? null;
  }

  /**
   * A statement as of the database's now, with the balance of exactly the entries posted by then;
   * the patient row is locked so no payment lands between the two.
   */
  async insertStatement(organizationId: string, patientId: string): Promise<string> {
    await sql`select id from patients where id = ${patientId} for update`.execute(this.db);
    const row = await this.db
      .insertInto('statements')
      .values({
        organization_id: organizationId,
        patient_id: patientId,
        as_of: sql<Date>`now()`,
        balance_cents: sql<number>`(select coalesce(sum(amount_cents), 0) from ledger_entries where patient_id = ${patientId})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  statements(patientId: string) {
    return this.db
      .selectFrom('statements')
      .select(['id', 'number', 'as_of', 'balance_cents'])
      .where('patient_id', '=', patientId)
      .orderBy('as_of', 'desc')
      .execute();
  }

  statement(id: string) {
    return this.db.selectFrom('statements').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Name and mailing address for the top of a statement. */
  statementAddressee(patientId: string) {
    return this.db
      .selectFrom('patients')
      .select([
        'given_name',
        'family_name',
        'address_line1',
        'address_line2',
        'address_city',
        'address_region',
        'address_postal_code',
        'preferred_language',
      ])
      .where('id', '=', patientId)
      .executeTakeFirst();
  }
}
