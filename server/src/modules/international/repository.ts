import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { InternationalRequestKind, InternationalRequestStatus } from '../../db/tables/international.js';

export type Db = Kysely<Database> | Transaction<Database>;

const requestColumns = [
  'r.id',
  'r.organization_id',
  'r.patient_id',
  'r.kind',
  'r.status',
  'r.summary',
  'r.details',
  'r.appointment_id',
  'r.created_at',
  'r.updated_at',
  'p.given_name',
  'p.family_name',
  'a.start_at as appointment_start',
] as const;

/** International profiles, requests, replies and doctor links. SQL only. */
export class InternationalRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (repo: InternationalRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new InternationalRepository(trx), trx));
  }

  patient(patientId: string) {
    return this.db
      .selectFrom('patients as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .leftJoin('international_profiles as ip', 'ip.patient_id', 'p.id')
      .leftJoin('users as c', 'c.id', 'ip.coordinator_user_id')
      .select([
        'p.id',
        'p.organization_id',
        'p.given_name',
        'p.family_name',
        'p.address_country',
        'p.preferred_language',
        'o.tech_help_phone',
        'ip.patient_id as profile_patient_id',
        'ip.country',
        'ip.preferred_language as profile_language',
        'ip.confirmed_at',
        'ip.coordinator_user_id',
        'c.given_name as coordinator_given',
        'c.family_name as coordinator_family',
        'c.email as coordinator_email',
      ])
      .where('p.id', '=', patientId)
      .executeTakeFirst();
  }

  async upsertProfile(p: {
    patientId: string;
    organizationId: string;
    country: string;
    language: string;
    confirmed: boolean;
    coordinatorUserId?: string;
  }): Promise<void> {
    const now = new Date();
    await this.db
      .insertInto('international_profiles')
      .values({
        patient_id: p.patientId,
        organization_id: p.organizationId,
        country: p.country,
        preferred_language: p.language,
        confirmed_at: p.confirmed ? now : null,
        coordinator_user_id: p.coordinatorUserId ?? null,
      })
      .onConflict((oc) =>
        oc.column('patient_id').doUpdateSet({
          updated_at: now,
          ...(p.confirmed ? { country: p.country, preferred_language: p.language, confirmed_at: now } : {}),
          ...(p.coordinatorUserId ? { coordinator_user_id: p.coordinatorUserId } : {}),
        }),
      )
      .execute();
  }

  /** Patients living outside the US, or who opted in, with their coordinator. */
  internationalPatients(organizationId: string | null) {
    return this.db
      .selectFrom('patients as p')
      .leftJoin('international_profiles as ip', 'ip.patient_id', 'p.id')
      .leftJoin('users as c', 'c.id', 'ip.coordinator_user_id')
      .select([
        'p.id',
        'p.given_name',
        'p.family_name',
        sql<string>`coalesce(ip.country, p.address_country)`.as('country'),
        sql<string>`coalesce(ip.preferred_language, p.preferred_language)`.as('language'),
        'ip.confirmed_at',
        'ip.coordinator_user_id',
        'c.given_name as coordinator_given',
        'c.family_name as coordinator_family',
        sql<string>`(select count(*) from international_requests r
          where r.patient_id = p.id and r.status in ('open', 'in_progress'))`.as('open_requests'),
      ])
      .where((eb) => eb.or([eb('p.address_country', '<>', 'US'), eb('ip.patient_id', 'is not', null)]))
      .$if(organizationId !== null, (q) => q.where('p.organization_id', '=', organizationId ?? ''))
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .limit(500)
      .execute();
  }

  staffUser(userId: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'role', 'organization_id', 'disabled_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
  }

  coordinators(organizationId: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'given_name', 'family_name'])
      .where('organization_id', '=', organizationId)
      .where('role', '=', 'staff')
      .where('disabled_at', 'is', null)
      .orderBy('family_name')
      .execute();
  }

  patientAppointment(patientId: string, appointmentId: string) {
    return this.db
      .selectFrom('appointments')
      .select(['id', 'start_at'])
      .where('id', '=', appointmentId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
  }

  async insertRequest(r: {
    organizationId: string;
    patientId: string;
    kind: InternationalRequestKind;
    summary: string;
    details: Record<string, string>;
    appointmentId: string | null;
    createdBy: string;
  }): Promise<string> {
    const row = await this.db
      .insertInto('international_requests')
      .values({
        organization_id: r.organizationId,
        patient_id: r.patientId,
        kind: r.kind,
        summary: r.summary,
        details: JSON.stringify(r.details),
        appointment_id: r.appointmentId,
        created_by: r.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  private requests() {
    return this.db
      .selectFrom('international_requests as r')
      .innerJoin('patients as p', 'p.id', 'r.patient_id')
      .leftJoin('appointments as a', 'a.id', 'r.appointment_id')
      .select(requestColumns);
  }

  request(id: string) {
    return this.requests().where('r.id', '=', id).executeTakeFirst();
  }

  patientRequests(patientId: string) {
    return this.requests().where('r.patient_id', '=', patientId).orderBy('r.created_at', 'desc').execute();
  }

  queue(organizationId: string | null, status: InternationalRequestStatus | null) {
    return this.requests()
      .$if(organizationId !== null, (q) => q.where('r.organization_id', '=', organizationId ?? ''))
      .$if(status !== null, (q) => q.where('r.status', '=', status ?? 'open'))
      .orderBy('r.created_at', 'asc')
      .limit(500)
      .execute();
  }

  async setStatus(id: string, status: InternationalRequestStatus): Promise<void> {
    await this.db
      .updateTable('international_requests')
      .set({ status, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  replies(requestId: string, onlyForDoctor = false) {
    return this.db
      .selectFrom('international_replies')
      .select(['id', 'author', 'body', 'shared_with_doctor', 'filename', 'size_bytes', 'created_at'])
      .where('request_id', '=', requestId)
      .$if(onlyForDoctor, (q) =>
        q.where((eb) => eb.or([eb('author', '=', 'doctor'), eb('shared_with_doctor', '=', true)])),
      )
      .orderBy('created_at')
      .execute();
  }

  replyFile(requestId: string, replyId: string) {
    return this.db
      .selectFrom('international_replies')
      .select(['id', 'author', 'shared_with_doctor', 'filename', 'content_type', 'size_bytes', 'data', 'wrapped_key'])
      .where('request_id', '=', requestId)
      .where('id', '=', replyId)
      .executeTakeFirst();
  }

  async insertReply(r: {
    requestId: string;
    author: 'patient' | 'coordinator' | 'doctor';
    authorUserId: string | null;
    body: string;
    sharedWithDoctor: boolean;
    /** A letter already sealed in the encrypted file store under `id`. */
    file?: { id: string; filename: string; sizeBytes: number; wrappedKey: string };
  }): Promise<string> {
    const row = await this.db
      .insertInto('international_replies')
      .values({
        ...(r.file ? { id: r.file.id } : {}),
        request_id: r.requestId,
        author: r.author,
        author_user_id: r.authorUserId,
        body: r.body,
        shared_with_doctor: r.sharedWithDoctor,
        filename: r.file?.filename ?? null,
        content_type: r.file ? 'application/pdf' : null,
        size_bytes: r.file?.sizeBytes ?? null,
        data: null,
        wrapped_key: r.file?.wrappedKey ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db
      .updateTable('international_requests')
      .set({ updated_at: new Date() })
      .where('id', '=', r.requestId)
      .execute();
    return row.id;
  }

  async insertLink(l: {
    requestId: string;
    tokenHash: string;
    doctorName: string;
    expiresAt: Date;
    createdBy: string;
  }) {
    return this.db
      .insertInto('international_doctor_links')
      .values({
        request_id: l.requestId,
        token_hash: l.tokenHash,
        doctor_name: l.doctorName,
        expires_at: l.expiresAt,
        created_by: l.createdBy,
      })
      .returning(['id', 'doctor_name', 'expires_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
  }

  links(requestId: string) {
    return this.db
      .selectFrom('international_doctor_links')
      .select(['id', 'doctor_name', 'expires_at', 'revoked_at'])
      .where('request_id', '=', requestId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** One doctor link of a request, in any state. */
  link(requestId: string, linkId: string) {
    return this.db
      .selectFrom('international_doctor_links')
      .select(['id', 'request_id', 'doctor_name', 'expires_at', 'revoked_at'])
      .where('request_id', '=', requestId)
      .where('id', '=', linkId)
      .executeTakeFirst();
  }
}
