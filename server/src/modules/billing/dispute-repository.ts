import type { Db } from './repository.js';

export interface DisputeRow {
  id: string;
  organization_id: string;
  patient_id: string;
  ledger_entry_id: string;
  reason: string;
  status: 'open' | 'resolved';
  resolution: 'adjusted' | 'upheld' | null;
  response: string | null;
  created_at: Date;
  resolved_at: Date | null;
  patient_given: string;
  patient_family: string;
  amount_cents: string;
  explanation: string;
  entry_type: string;
}

/** Disputes of bill lines. SQL only. */
export class DisputeRepository {
  constructor(readonly db: Db) {}

  withDb(db: Db): DisputeRepository {
    return new DisputeRepository(db);
  }

  private base() {
    return this.db
      .selectFrom('billing_disputes as d')
      .innerJoin('patients as p', 'p.id', 'd.patient_id')
      .innerJoin('ledger_entries as l', 'l.id', 'd.ledger_entry_id')
      .select([
        'd.id',
        'd.organization_id',
        'd.patient_id',
        'd.ledger_entry_id',
        'd.reason',
        'd.status',
        'd.resolution',
        'd.response',
        'd.created_at',
        'd.resolved_at',
        'p.given_name as patient_given',
        'p.family_name as patient_family',
        'l.amount_cents',
        'l.explanation',
        'l.entry_type',
      ]);
  }

  get(id: string): Promise<DisputeRow | undefined> {
    return this.base().where('d.id', '=', id).executeTakeFirst();
  }

  /** The newest dispute of each of a patient's lines. */
  forPatient(patientId: string): Promise<DisputeRow[]> {
    return this.base().where('d.patient_id', '=', patientId).orderBy('d.created_at', 'desc').execute();
  }

  queue(organizationId: string | null, status: 'open' | 'resolved'): Promise<DisputeRow[]> {
    return this.base()
      .$if(organizationId !== null, (q) => q.where('d.organization_id', '=', organizationId ?? ''))
      .where('d.status', '=', status)
      .orderBy('d.created_at', status === 'open' ? 'asc' : 'desc')
      .limit(200)
      .execute();
  }

  /** Locks an open dispute until the transaction ends; undefined when it is no longer open. */
  lockOpen(id: string) {
    return this.db
      .selectFrom('billing_disputes')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'open')
      .forUpdate()
      .executeTakeFirst();
  }

  entry(id: string) {
    return this.db
      .selectFrom('ledger_entries')
      .select(['id', 'organization_id', 'patient_id', 'entry_type', 'amount_cents'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** What is left of a charge after earlier adjustments to it (never below zero). */
  async remainingOf(entryId: string): Promise<number> {
    const rows = await this.db
      .selectFrom('ledger_entries')
      .select('amount_cents')
      .where((eb) => eb.or([eb('id', '=', entryId), eb('applies_to', '=', entryId)]))
      .execute();
    return rows.reduce((sum, r) => sum + Number(r.amount_cents), 0);
  }

  async open(d: { organizationId: string; patientId: string; entryId: string; reason: string; by: string }) {
    const row = await this.db
      .insertInto('billing_disputes')
      .values({
        organization_id: d.organizationId,
        patient_id: d.patientId,
        ledger_entry_id: d.entryId,
        reason: d.reason,
        opened_by: d.by,
      })
      .onConflict((oc) => oc.column('ledger_entry_id').where('status', '=', 'open').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Resolves an open dispute; false when it was already resolved (a concurrent answer won). */
  async resolve(
    id: string,
    r: { resolution: 'adjusted' | 'upheld'; response: string; by: string; adjustmentEntryId: string | null },
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('billing_disputes')
      .set({
        status: 'resolved',
        resolution: r.resolution,
        response: r.response,
        resolved_by: r.by,
        resolved_at: new Date(),
        adjustment_entry_id: r.adjustmentEntryId,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
