import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PharmacyData } from './pharmacy-input.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PharmacyRow {
  id: string;
  patient_id: string;
  name: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  state: string;
  postal_code: string;
  phone: string;
  ncpdp_id: string | null;
  preferred: boolean;
}

const COLUMNS = [
  'id',
  'patient_id',
  'name',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'postal_code',
  'phone',
  'ncpdp_id',
  'preferred',
] as const;

/** A patient's saved pharmacies. SQL only. */
export class PharmacyRepository {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one transaction (a change and its audit row commit together, decision 0027). */
  transaction<T>(fn: (repo: PharmacyRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new PharmacyRepository(trx), trx));
  }

  /** The pharmacies the patient still uses: preferred first, then by name. */
  forPatient(patientId: string): Promise<PharmacyRow[]> {
    return this.db
      .selectFrom('patient_pharmacies')
      .select(COLUMNS)
      .where('patient_id', '=', patientId)
      .where('removed_at', 'is', null)
      .orderBy('preferred', 'desc')
      .orderBy('name')
      .orderBy('created_at')
      .limit(100)
      .execute();
  }

  /** One of the patient's pharmacies that has not been removed. */
  find(id: string, patientId: string): Promise<PharmacyRow | undefined> {
    return this.db
      .selectFrom('patient_pharmacies')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('patient_id', '=', patientId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
  }

  /** Lock-free "only one preferred": clear the others first, in the same transaction. */
  private async clearPreferred(patientId: string, exceptId: string | null): Promise<void> {
    let q = this.db
      .updateTable('patient_pharmacies')
      .set({ preferred: false })
      .where('patient_id', '=', patientId)
      .where('preferred', '=', true);
    if (exceptId) q = q.where('id', '<>', exceptId);
    await q.execute();
  }

  async insert(patientId: string, data: PharmacyData): Promise<string> {
    if (data.preferred) await this.clearPreferred(patientId, null);
    const row = await this.db
      .insertInto('patient_pharmacies')
      .values({ ...data, patient_id: patientId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: string, patientId: string, data: PharmacyData): Promise<void> {
    if (data.preferred) await this.clearPreferred(patientId, id);
    await this.db
      .updateTable('patient_pharmacies')
      .set(data)
      .where('id', '=', id)
      .where('patient_id', '=', patientId)
      .where('removed_at', 'is', null)
      .execute();
  }

  /** Removed pharmacies stay for the requests that name them; they are only hidden. */
  async remove(id: string, patientId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('patient_pharmacies')
      .set({ removed_at: at, preferred: false })
      .where('id', '=', id)
      .where('patient_id', '=', patientId)
      .where('removed_at', 'is', null)
      .execute();
  }

  count(patientId: string): Promise<number> {
    return this.db
      .selectFrom('patient_pharmacies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('patient_id', '=', patientId)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }
}
