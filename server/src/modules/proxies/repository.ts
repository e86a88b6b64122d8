import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, PortalArea } from '../../db/schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface GrantRow {
  id: string;
  patient_id: string;
  patient_name: string;
  patient_birth_date: string;
  org_settings: Record<string, unknown>;
  proxy_user_id: string;
  proxy_name: string;
  relationship: 'parent' | 'guardian' | 'spouse' | 'partner' | 'child' | 'caregiver' | 'other';
  access: 'full' | 'limited';
  areas: PortalArea[];
  ends_on: string | null;
  created_at: Date;
  revoked_at: Date | null;
  teen_consent_at: Date | null;
}

/** Proxy grants and the record a session has open. SQL only. */
export class ProxyRepository {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one transaction (the grant change and its audit row commit together). */
  transaction<T>(fn: (repo: ProxyRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new ProxyRepository(trx), trx));
  }

  private grants() {
    return this.db
      .selectFrom('proxy_grants as g')
      .innerJoin('patients as p', 'p.id', 'g.patient_id')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .innerJoin('users as u', 'u.id', 'g.proxy_user_id')
      .select([
        'g.id',
        'g.patient_id',
        sql<string>`concat_ws(' ', p.given_name, p.family_name)`.as('patient_name'),
        sql<string>`p.birth_date::text`.as('patient_birth_date'),
        'o.settings as org_settings',
        'g.proxy_user_id',
        sql<string>`concat_ws(' ', u.given_name, u.family_name)`.as('proxy_name'),
        'g.relationship',
        'g.access',
        'g.areas',
        sql<string | null>`g.ends_on::text`.as('ends_on'),
        'g.created_at',
        'g.revoked_at',
        'g.teen_consent_at',
      ]);
  }

  activeGrant(proxyUserId: string, patientId: string): Promise<GrantRow | undefined> {
    return this.grants()
      .where('g.proxy_user_id', '=', proxyUserId)
      .where('g.patient_id', '=', patientId)
      .where('g.revoked_at', 'is', null)
      .executeTakeFirst();
  }

  heldBy(proxyUserId: string): Promise<GrantRow[]> {
    return this.grants()
      .where('g.proxy_user_id', '=', proxyUserId)
      .where('g.revoked_at', 'is', null)
      .orderBy('g.created_at')
      .execute();
  }

  givenFor(patientId: string): Promise<GrantRow[]> {
    return this.grants().where('g.patient_id', '=', patientId).orderBy('g.created_at', 'desc').execute();
  }

  byId(id: string): Promise<GrantRow | undefined> {
    return this.grants().where('g.id', '=', id).executeTakeFirst();
  }

  async create(g: {
    patient_id: string;
    proxy_user_id: string;
    relationship: GrantRow['relationship'];
    access: 'full' | 'limited';
    areas: PortalArea[];
    ends_on: string | null;
    granted_by: string;
  }): Promise<string> {
    const row = await this.db.insertInto('proxy_grants').values(g).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async revoke(id: string, by: string): Promise<void> {
    await this.db
      .updateTable('proxy_grants')
      .set({ revoked_at: new Date(), revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    // Sessions that had this record open fall back to their own at once.
    await sql`
      UPDATE sessions s SET acting_for_patient_id = NULL
      FROM proxy_grants g
      WHERE g.id = ${id} AND s.user_id = g.proxy_user_id AND s.acting_for_patient_id = g.patient_id`.execute(this.db);
  }

  async setTeenConsent(id: string): Promise<void> {
    await this.db.updateTable('proxy_grants').set({ teen_consent_at: new Date() }).where('id', '=', id).execute();
  }

  async setActingFor(sessionId: string, patientId: string | null): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ acting_for_patient_id: patientId })
      .where('id', '=', sessionId)
      .execute();
  }

  userByEmail(email: string): Promise<{ id: string; role: string; own_patient_id: string | null } | undefined> {
    return this.db
      .selectFrom('users as u')
      .leftJoin('patients as p', 'p.user_id', 'u.id')
      .select(['u.id', 'u.role', 'p.id as own_patient_id'])
      .where('u.email', '=', email)
      .where('u.disabled_at', 'is', null)
      .executeTakeFirst();
  }

  patient(
    patientId: string,
  ): Promise<{ id: string; organization_id: string; birth_date: string; user_id: string | null } | undefined> {
    return this.db
      .selectFrom('patients')
      .select(['id', 'organization_id', sql<string>`birth_date::text`.as('birth_date'), 'user_id'])
      .where('id', '=', patientId)
      .executeTakeFirst();
  }
}
