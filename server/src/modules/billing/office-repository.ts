import { sql, type RawBuilder } from 'kysely';
import type { Db } from './repository.js';

/** Money still owed on charges the patient has disputed and the office has not yet answered. */
const disputedSql = (patientId: string | RawBuilder<unknown>) => sql<string>`(
  select coalesce(sum(l.amount_cents + coalesce((
    select sum(a.amount_cents) from ledger_entries a where a.applies_to = l.id
  ), 0)), 0)
  from billing_disputes d join ledger_entries l on l.id = d.ledger_entry_id
  where d.patient_id = ${patientId} and d.status = 'open'
)`;

/** The billing office's reads and the reminder sweep. SQL only. */
export class OfficeRepository {
  constructor(readonly db: Db) {}

  withDb(db: Db): OfficeRepository {
    return new OfficeRepository(db);
  }

  patient(patientId: string) {
    return this.db
      .selectFrom('patients')
      .select(['id', 'organization_id', 'given_name', 'family_name'])
      .where('id', '=', patientId)
      .executeTakeFirst();
  }

  /** Every payment with what has been refunded of it so far. */
  payments(patientId: string) {
    return this.db
      .selectFrom('payments as p')
      .select([
        'p.id',
        'p.amount_cents',
        'p.method',
        'p.status',
        'p.check_number',
        'p.card_brand',
        'p.card_last4',
        'p.processor',
        'p.processor_ref',
        'p.organization_id',
        'p.patient_id',
        'p.created_at',
        sql<string>`(select coalesce(sum(r.amount_cents), 0) from ledger_entries r
          where r.payment_id = p.id and r.entry_type = 'refund')`.as('refunded_cents'),
      ])
      .where('p.patient_id', '=', patientId)
      .orderBy('p.created_at', 'desc')
      .execute();
  }

  /** One payment, locked: two refunds of it are taken one after the other. */
  paymentForRefund(paymentId: string) {
    return this.db
      .selectFrom('payments')
      .select(['id', 'patient_id', 'organization_id', 'amount_cents', 'method', 'status', 'processor', 'processor_ref'])
      .where('id', '=', paymentId)
      .forUpdate()
      .executeTakeFirst();
  }

  async refundedCents(paymentId: string): Promise<number> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select(sql<string>`coalesce(sum(amount_cents), 0)`.as('total'))
      .where('payment_id', '=', paymentId)
      .where('entry_type', '=', 'refund')
      .executeTakeFirstOrThrow();
    return Number(row.total);
  }

  entryByKey(patientId: string, key: string) {
    return this.db
      .selectFrom('ledger_entries')
      .select(['id', 'entry_type', 'amount_cents'])
      .where('patient_id', '=', patientId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  charge(entryId: string) {
    return this.db
      .selectFrom('ledger_entries')
      .select(['id', 'patient_id', 'entry_type'])
      .where('id', '=', entryId)
      .executeTakeFirst();
  }

  async disputedCents(patientId: string): Promise<number> {
    const row = await sql<{ total: string }>`select ${disputedSql(patientId)} as total`.execute(this.db);
    return Number(row.rows[0]?.total ?? 0);
  }

  /**
   * Patients who owe money outside any open dispute, whose newest statement is at least
   * `statementAgeDays` old and who had no reminder in the last `everyDays` days.
   */
  async reminderDue(now: Date, statementAgeDays: number, everyDays: number, limit: number) {
    const statementBefore = new Date(now.getTime() - statementAgeDays * 86_400_000);
    const remindedBefore = new Date(now.getTime() - everyDays * 86_400_000);
    const rows = await sql<{ patient_id: string; organization_id: string; email: string | null; due: string }>`
      select * from (
      select p.id as patient_id, p.organization_id, p.email,
        (select coalesce(sum(l.amount_cents), 0) from ledger_entries l where l.patient_id = p.id)
          - ${disputedSql(sql.ref('p.id'))} as due
      from patients p
      where exists (select 1 from statements s where s.patient_id = p.id)
        and (select max(s.as_of) from statements s where s.patient_id = p.id) <= ${statementBefore}
        and not exists (
          select 1 from billing_reminders r where r.patient_id = p.id and r.sent_at > ${remindedBefore}
        )
      ) owing
      where due > 0
      order by patient_id
      limit ${limit}`.execute(this.db);
    return rows.rows.map((r) => ({ ...r, due: Number(r.due) }));
  }

  async recordReminder(organizationId: string, patientId: string, amountDueCents: number): Promise<void> {
    await this.db
      .insertInto('billing_reminders')
      .values({ organization_id: organizationId, patient_id: patientId, amount_due_cents: amountDueCents })
      .execute();
  }
}
