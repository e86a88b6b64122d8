import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ControlledSchedule, MedicationStatus, RefillStatus } from '../../db/tables/medications.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface MedicationRow {
  id: string;
  patient_id: string;
  organization_id: string;
  medication_name: string;
  strength: string;
  directions: string;
  quantity: number;
  quantity_unit: string;
  days_supply: number | null;
  refills_authorized: number;
  refills_remaining: number;
  last_filled_on: string | null;
  status: MedicationStatus;
  controlled_schedule: ControlledSchedule | null;
  started_on: string;
  prescriber_id: string;
  prescriber_name: string;
  open_request: boolean;
  /** Day (in the organization's time zone) and quantity of the latest approved refill. */
  last_approved_on: string | null;
  last_approved_quantity: number | null;
  /** The prescriber still works here with an account (active, same organization, not disabled). */
  prescriber_available: boolean;
  /** The patient's primary care clinician, when they have one who is available. */
  pcp_id: string | null;
  pcp_name: string | null;
  /** The organization's care team pool for refills: its primary care pool, when it has members. */
  pool_id: string | null;
  pool_name: string | null;
}

export interface RefillRow {
  id: string;
  medication_request_id: string;
  patient_id: string;
  organization_id: string;
  status: RefillStatus;
  note: string | null;
  created_at: Date;
  decided_at: Date | null;
  approved_quantity: number | null;
  decision_reason: string | null;
  requested_by: string;
  requester_name: string;
  decider_name: string | null;
  medication_name: string;
  strength: string;
  directions: string;
  quantity: number;
  quantity_unit: string;
  days_supply: number | null;
  refills_remaining: number;
  last_filled_on: string | null;
  controlled_schedule: ControlledSchedule | null;
  prescriber_id: string;
  prescriber_name: string;
  /** Set when the request went to someone else because the prescriber was not available. */
  answer_clinician_name: string | null;
  answer_pool_name: string | null;
  patient_name: string;
  birth_date: string;
  pharmacy_id: string;
  pharmacy_name: string;
  pharmacy_line1: string;
  pharmacy_line2: string | null;
  pharmacy_city: string;
  pharmacy_state: string;
  pharmacy_postal_code: string;
  pharmacy_phone: string;
  pharmacy_ncpdp_id: string | null;
  pharmacy_preferred: boolean;
}

export interface PatientFacts {
  id: string;
  organization_id: string;
  settings: Record<string, unknown>;
  tech_help_phone: string;
  time_zone: string;
}

export type Mine = 'prescriber' | 'pool' | null;

const fullName = (alias: string) =>
  sql<string>`concat_ws(' ', ${sql.ref(`${alias}.given_name`)}, ${sql.ref(`${alias}.family_name`)})`;

/** Prescriptions and refill requests. SQL only. */
export class MedicationsRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (repo: MedicationsRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new MedicationsRepository(trx), trx));
  }

  /** The patient, their organization's settings and the numbers to call. */
  patient(patientId: string, organizationId: string | null = null): Promise<PatientFacts | undefined> {
    let q = this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select(['p.id', 'p.organization_id', 'o.settings', 'o.tech_help_phone', 'o.time_zone'])
      .where('p.id', '=', patientId);
    if (organizationId) q = q.where('p.organization_id', '=', organizationId);
    return q.executeTakeFirst();
  }

  private medications() {
    return this.db
      .selectFrom('medication_requests as m')
      .innerJoin('clinicians as c', 'c.id', 'm.prescriber_id')
      .innerJoin('organizations as o', 'o.id', 'm.organization_id')
      .select([
        'm.id',
        'm.patient_id',
        'm.organization_id',
        'm.medication_name',
        'm.strength',
        'm.directions',
        'm.quantity',
        'm.quantity_unit',
        'm.days_supply',
        'm.refills_authorized',
        'm.refills_remaining',
        'm.last_filled_on',
        'm.status',
        'm.controlled_schedule',
        'm.started_on',
        'm.prescriber_id',
        fullName('c').as('prescriber_name'),
        sql<boolean>`EXISTS (SELECT 1 FROM refill_requests o WHERE o.medication_request_id = m.id AND o.status = 'requested')`.as(
          'open_request',
        ),
        sql<string | null>`(SELECT to_char(a.decided_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') FROM refill_requests a
          WHERE a.medication_request_id = m.id AND a.status = 'approved' ORDER BY a.decided_at DESC LIMIT 1)`.as(
          'last_approved_on',
        ),
        sql<number | null>`(SELECT a.approved_quantity FROM refill_requests a
          WHERE a.medication_request_id = m.id AND a.status = 'approved' ORDER BY a.decided_at DESC LIMIT 1)`.as(
          'last_approved_quantity',
        ),
        sql<boolean>`${availableSql('c')}`.as('prescriber_available'),
        sql<string | null>`(SELECT pc.id FROM patients pt JOIN clinicians pc ON pc.id = pt.primary_care_clinician_id
          WHERE pt.id = m.patient_id AND ${availableSql('pc')})`.as('pcp_id'),
        sql<string | null>`(SELECT concat_ws(' ', pc.given_name, pc.family_name) FROM patients pt
          JOIN clinicians pc ON pc.id = pt.primary_care_clinician_id
          WHERE pt.id = m.patient_id AND ${availableSql('pc')})`.as('pcp_name'),
        sql<string | null>`(SELECT mp.id FROM message_pools mp WHERE ${carePoolSql()} ORDER BY mp.name LIMIT 1)`.as(
          'pool_id',
        ),
        sql<string | null>`(SELECT mp.name FROM message_pools mp WHERE ${carePoolSql()} ORDER BY mp.name LIMIT 1)`.as(
          'pool_name',
        ),
      ]);
  }

  /** The patient's list: active ones first, then by name. */
  forPatient(patientId: string): Promise<MedicationRow[]> {
    return this.medications()
      .where('m.patient_id', '=', patientId)
      .orderBy(sql`m.status = 'active'`, 'desc')
      .orderBy('m.medication_name')
      .limit(500)
      .execute();
  }

  medication(id: string, patientId: string): Promise<MedicationRow | undefined> {
    return this.medications().where('m.id', '=', id).where('m.patient_id', '=', patientId).executeTakeFirst();
  }

  private refills() {
    return this.db
      .selectFrom('refill_requests as r')
      .innerJoin('medication_requests as m', 'm.id', 'r.medication_request_id')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .innerJoin('clinicians as c', 'c.id', 'm.prescriber_id')
      .leftJoin('clinicians as ac', 'ac.id', 'r.answer_clinician_id')
      .leftJoin('message_pools as ap', 'ap.id', 'r.answer_pool_id')
      .innerJoin('patient_pharmacies as ph', 'ph.id', 'r.pharmacy_id')
      .innerJoin('users as ru', 'ru.id', 'r.requested_by')
      .leftJoin('users as du', 'du.id', 'r.decided_by')
      .select([
        'r.id',
        'r.medication_request_id',
        'r.patient_id',
        'm.organization_id',
        'r.status',
        'r.note',
        'r.created_at',
        'r.decided_at',
        'r.approved_quantity',
        'r.decision_reason',
        'r.requested_by',
        fullName('ru').as('requester_name'),
        sql<string | null>`CASE WHEN du.id IS NULL THEN NULL ELSE concat_ws(' ', du.given_name, du.family_name) END`.as(
          'decider_name',
        ),
        'm.medication_name',
        'm.strength',
        'm.directions',
        'm.quantity',
        'm.quantity_unit',
        'm.days_supply',
        'm.refills_remaining',
        'm.last_filled_on',
        'm.controlled_schedule',
        'm.prescriber_id',
        fullName('c').as('prescriber_name'),
        sql<string | null>`CASE WHEN ac.id IS NULL THEN NULL ELSE concat_ws(' ', ac.given_name, ac.family_name) END`.as(
          'answer_clinician_name',
        ),
        'ap.name as answer_pool_name',
        fullName('p').as('patient_name'),
        'p.birth_date',
        'ph.id as pharmacy_id',
        'ph.name as pharmacy_name',
        'ph.address_line1 as pharmacy_line1',
        'ph.address_line2 as pharmacy_line2',
        'ph.city as pharmacy_city',
        'ph.state as pharmacy_state',
        'ph.postal_code as pharmacy_postal_code',
        'ph.phone as pharmacy_phone',
        'ph.ncpdp_id as pharmacy_ncpdp_id',
        'ph.preferred as pharmacy_preferred',
      ]);
  }

  /** A patient's requests since a moment, newest first. */
  refillsForPatient(patientId: string, since: Date): Promise<RefillRow[]> {
    return this.refills()
      .where('r.patient_id', '=', patientId)
      .where('r.created_at', '>=', since)
      .orderBy('r.created_at', 'desc')
      .limit(200)
      .execute();
  }

  /** One of the patient's requests. */
  refill(id: string, patientId: string): Promise<RefillRow | undefined> {
    return this.refills().where('r.id', '=', id).where('r.patient_id', '=', patientId).executeTakeFirst();
  }

  /**
   * Open requests of an organization, with why each is the caller's: they prescribed it, or they
   * are in a pool of the prescriber's service line. Theirs first, then oldest first.
   */
  async queue(organizationId: string, userId: string): Promise<(RefillRow & { mine: Mine })[]> {
    const rows = await this.refills()
      .select(sql<Mine>`${mineSql(userId)}`.as('mine'))
      .where('m.organization_id', '=', organizationId)
      .where('r.status', '=', 'requested')
      .orderBy(sql`CASE ${mineSql(userId)} WHEN 'prescriber' THEN 0 WHEN 'pool' THEN 1 ELSE 2 END`)
      .orderBy('r.created_at')
      .limit(500)
      .execute();
    return rows;
  }

  /** One request of an organization's patient, with why it is (or is not) this user's to decide. */
  refillForCareTeam(
    id: string,
    organizationId: string,
    userId: string,
  ): Promise<(RefillRow & { mine: Mine }) | undefined> {
    return this.refills()
      .select(sql<Mine>`${mineSql(userId)}`.as('mine'))
      .where('r.id', '=', id)
      .where('m.organization_id', '=', organizationId)
      .executeTakeFirst();
  }

  async insertRefill(r: {
    medication_request_id: string;
    patient_id: string;
    pharmacy_id: string;
    note: string | null;
    requested_by: string;
    answer_clinician_id: string | null;
    answer_pool_id: string | null;
  }): Promise<string> {
    const row = await this.db.insertInto('refill_requests').values(r).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** Records a decision on a request still open; false when someone decided it first. */
  async decide(
    id: string,
    d: {
      status: Exclude<RefillStatus, 'requested'>;
      decided_by: string;
      decided_at: Date;
      approved_quantity: number | null;
      decision_reason: string | null;
    },
  ): Promise<boolean> {
    const row = await this.db
      .updateTable('refill_requests')
      .set(d)
      .where('id', '=', id)
      .where('status', '=', 'requested')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Uses one refill of a prescription; false when none was left. */
  async useRefill(medicationId: string): Promise<boolean> {
    const row = await this.db
      .updateTable('medication_requests')
      .set((eb) => ({ refills_remaining: eb('refills_remaining', '-', 1) }))
      .where('id', '=', medicationId)
      .where('refills_remaining', '>', 0)
      .where('status', '=', 'active')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Where to tell the patient about a decision: their own address, and a proxy who asked. */
  async contacts(refillId: string): Promise<string[]> {
    const row = await this.db
      .selectFrom('refill_requests as r')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .leftJoin('users as pu', 'pu.id', 'p.user_id')
      .leftJoin('users as ru', (j) =>
        j
          .onRef('ru.id', '=', 'r.requested_by')
          .on(sql<boolean>`ru.id IS DISTINCT FROM p.user_id`)
          .on(({ exists, selectFrom }) =>
            exists(
              selectFrom('proxy_grants as g')
                .select('g.id')
                .whereRef('g.proxy_user_id', '=', 'ru.id')
                .whereRef('g.patient_id', '=', 'r.patient_id')
                .where('g.revoked_at', 'is', null)
                .where((eb) => eb.or([eb('g.ends_on', 'is', null), eb('g.ends_on', '>=', sql<string>`current_date`)])),
            ),
          ),
      )
      .select([sql<string | null>`coalesce(pu.email, p.email)`.as('patient_email'), 'ru.email as proxy_email'])
      .where('r.id', '=', refillId)
      .executeTakeFirst();
    if (!row) return [];
    return [...new Set([row.patient_email, row.proxy_email].filter((e): e is string => Boolean(e)))];
  }
}

/**
 * Whether a clinician (table alias) can answer: active, at the prescription's organization, with
 * an account that is not disabled.
 */
function availableSql(alias: string) {
  const c = (column: string) => sql.ref(`${alias}.${column}`);
  return sql`(${c('active')} AND ${c('organization_id')} = m.organization_id AND EXISTS (
    SELECT 1 FROM users au WHERE au.id = ${c('user_id')} AND au.disabled_at IS NULL))`;
}

/** The organization's primary care pool (alias mp), when someone is in it. */
function carePoolSql() {
  return sql`mp.organization_id = m.organization_id AND mp.service_line_code = 'primary-care'
    AND EXISTS (SELECT 1 FROM message_pool_members pm WHERE pm.pool_id = mp.id)`;
}

/**
 * Whether the user answers this request: 'prescriber' when they are the clinician who answers it
 * (the prescriber, or whoever it was routed to when the prescriber was not available), 'pool'
 * when they are in the pool it was routed to, or in a pool of that clinician's service line.
 */
function mineSql(userId: string) {
  return sql`CASE
    WHEN r.answer_pool_id IS NOT NULL THEN CASE WHEN EXISTS (
      SELECT 1 FROM message_pool_members pm WHERE pm.pool_id = r.answer_pool_id AND pm.user_id = ${userId}
    ) THEN 'pool' ELSE NULL END
    WHEN coalesce(ac.user_id, c.user_id) = ${userId} THEN 'prescriber'
    WHEN EXISTS (
      SELECT 1 FROM message_pools mp JOIN message_pool_members pm ON pm.pool_id = mp.id
      WHERE mp.organization_id = m.organization_id
        AND mp.service_line_code = coalesce(ac.service_line_code, c.service_line_code)
        AND pm.user_id = ${userId}
    ) THEN 'pool'
    ELSE NULL END`;
}
