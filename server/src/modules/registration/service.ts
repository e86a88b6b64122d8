import type { Registration, RegistrationBody, RegistrationList, RegistrationResult } from '@portico/contracts';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import type { Answer, Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import type { AccountService } from '../identity/index.js';
import type { MailService } from '../mail/index.js';
import type { OrganizationService } from '../organizations/index.js';
import * as emails from './emails.js';
import { normalName, phoneKey, readRegistration, type RegistrationInput } from './input.js';
import type { CandidateRow, RegistrationRepository, RegistrationRow, RegistrationScope } from './repository.js';
import { toRegistration } from './dto.js';

export interface RegistrationDeps {
  repo: RegistrationRepository;
  audit: AuditService;
  mail: MailService;
  accounts: AccountService;
  organizations: OrganizationService;
  publicUrl: string;
  idempotency: Idempotency;
  /** Field-level encryption for the member id (modules/files). */
  fields: { seal(column: string, plain: string): string; open(column: string, stored: string): string };
  clock?: () => Date;
}

/** The sealed column; its name is bound into the ciphertext. */
const MEMBER_ID = 'registrations.member_id';

const REGISTRARS = new Set(['staff', 'admin']);

/**
 * New-patient registration. A registration that matches an existing patient (same normalized
 * name and birth date, and the same email or phone) is held for staff review instead of making a
 * second record; staff then confirm it as a new patient or merge it into the existing one.
 */
export class RegistrationService {
  private readonly clock: () => Date;

  constructor(private readonly d: RegistrationDeps) {
    this.clock = d.clock ?? (() => new Date());
  }

  /**
   * Online (anyone) or staff from a call. Staff register into their own organization. Retry-safe
   * with an Idempotency-Key: staff keys are theirs; without an account the key is scoped by its
   * hash alone and must be unguessable (docs/decisions/0020).
   */
  async register(
    caller: Caller,
    body: RegistrationBody,
    key: string | null = null,
  ): Promise<Answer<RegistrationResult>> {
    const once = this.d.idempotency.request(caller, 'registration.create', key, body);
    return once.run(() => this.create(caller, body, once));
  }

  private async create(caller: Caller, body: RegistrationBody, once: RetrySafeCreate): Promise<RegistrationResult> {
    const staff = caller.role !== null && REGISTRARS.has(caller.role);
    const orgId = staff && caller.role === 'staff' ? caller.organizationId : (body.organizationId ?? null);
    const org = orgId && /^[0-9a-f-]{36}$/i.test(orgId) ? await this.d.organizations.get(orgId) : null;
    const read = readRegistration(body, { today: this.clock().toISOString().slice(0, 10), emailRequired: !staff });
    const problems = 'problems' in read ? read.problems : [];
    if (!org) problems.unshift({ field: 'organizationId', message: 'Choose one of the listed organizations.' });
    if (!org || 'problems' in read) throw validation(problems);
    const input = read.input;
    const candidates = findDuplicates(input, await this.d.repo.patientsBornOn(org.id, input.patient.birth_date));
    const base = {
      organization_id: org.id,
      source: staff ? ('staff' as const) : ('online' as const),
      ...input.patient,
      payment: input.payment,
      payer_name: input.payerName,
      plan_name: input.planName,
      member_id: input.memberId === null ? null : this.d.fields.seal(MEMBER_ID, input.memberId),
      created_by: caller.userId,
    };
    if (candidates.length > 0) {
      const held = await this.d.repo.transaction((repo, trx) =>
        once.within(trx, async () => {
          const row = await repo.insert({
            ...base,
            status: 'possible_duplicate',
            candidate_patient_ids: candidates.map((c) => c.id),
          });
          await this.d.audit.record(
            caller,
            {
              action: 'registration.create',
              entityType: 'Registration',
              entityId: row.id,
              outcome: 'allowed',
              detail: { status: 'possible_duplicate', candidates: candidates.length, source: base.source },
            },
            trx,
          );
          return staff
            ? { id: row.id, status: 'possible_duplicate' as const, mrn: null, patientId: null }
            : received(row.id);
        }),
      );
      // The person is told by email what happens next; the answer says nothing of a match. (Staff
      // on a call see the match and tell them.)
      if (!staff && input.patient.email) {
        await this.d.mail.sendTo(
          input.patient.email,
          emails.registrationHeld(
            org.name,
            org.techHelpPhone,
            `${this.d.publicUrl}/signin`,
            `${this.d.publicUrl}/forgot-password`,
          ),
          { lang: input.patient.preferred_language },
        );
      }
      return held;
    }
    const result = await this.d.repo.transaction((repo, trx) =>
      once.within(trx, async () => {
        const patient = await repo.insertPatient({ organization_id: org.id, ...input.patient });
        const reg = await repo.insert({ ...base, status: 'registered', patient_id: patient.id });
        // The new record and its audit rows commit together (decision 0027).
        await this.recordCreated(caller, { id: reg.id, source: base.source, status: 'registered' }, patient.id, trx);
        return staff
          ? { id: reg.id, status: 'registered' as const, mrn: patient.mrn, patientId: patient.id }
          : received(reg.id);
      }),
    );
    const row = await this.d.repo.get(result.id, { kind: 'all' });
    if (!row?.patient_id) throw new Error('registration vanished after its transaction');
    await this.sendSignInCode(caller, row, row.patient_id, org.name);
    return result;
  }

  async queue(caller: AuthenticatedCaller, status: Registration['status']): Promise<RegistrationList> {
    const scope = this.scope(caller);
    const rows = await this.d.repo.list(scope, status);
    const views = await Promise.all(rows.map((r) => this.view(r)));
    for (const r of rows) {
      await this.d.audit.record(caller, {
        action: 'registration.read',
        entityType: 'Registration',
        entityId: r.id,
        patientId: r.patient_id,
        outcome: 'allowed',
        detail: { candidates: r.candidate_patient_ids.length },
      });
    }
    return { registrations: views };
  }

  async get(caller: AuthenticatedCaller, id: string): Promise<Registration> {
    const row = await this.find(caller, id, 'registration.read');
    return this.view(row);
  }

  /** Staff decide the registration is a different person: it becomes a new patient with its own MRN. */
  async confirm(caller: AuthenticatedCaller, id: string): Promise<Registration> {
    const row = await this.find(caller, id, 'registration.confirm');
    const decided = await this.d.repo.transaction(async (repo, trx) => {
      const patient = await repo.insertPatient(patientOf(row));
      const updated = await repo.decide(row.id, { status: 'confirmed', patientId: patient.id, userId: caller.userId });
      if (!updated) throw alreadyDecided();
      await this.recordCreated(caller, updated, patient.id, trx);
      await this.d.audit.record(
        caller,
        {
          action: 'registration.confirm',
          entityType: 'Registration',
          entityId: row.id,
          patientId: patient.id,
          outcome: 'allowed',
        },
        trx,
      );
      return updated;
    });
    const org = await this.d.organizations.get(row.organization_id);
    await this.sendSignInCode(caller, decided, decided.patient_id ?? '', org?.name ?? 'Portico');
    return this.view(decided);
  }

  /**
   * Staff decide the registration is an existing patient: no new record, the existing MRN stays.
   * The registrant is emailed to sign in as before or call; their access is never granted here.
   */
  async merge(caller: AuthenticatedCaller, id: string, patientId: string): Promise<Registration> {
    const row = await this.find(caller, id, 'registration.merge');
    if (!row.candidate_patient_ids.includes(patientId)) {
      throw validation([{ field: 'patientId', message: 'Choose one of the matching patients listed.' }]);
    }
    const decided = await this.d.repo.transaction(async (repo, trx) => {
      const merged = await repo.decide(row.id, { status: 'merged', patientId, userId: caller.userId });
      if (!merged) throw alreadyDecided();
      await this.d.audit.record(
        caller,
        { action: 'registration.merge', entityType: 'Registration', entityId: row.id, patientId, outcome: 'allowed' },
        trx,
      );
      return merged;
    });
    const org = await this.d.organizations.get(row.organization_id);
    if (row.email && org) {
      await this.d.mail.sendTo(
        row.email,
        emails.registrationMatched(org.name, org.techHelpPhone, `${this.d.publicUrl}/signin`),
        { lang: row.preferred_language },
      );
    }
    return this.view(decided);
  }

  private scope(caller: AuthenticatedCaller): RegistrationScope {
    if (caller.role === 'admin') return { kind: 'all' };
    if (caller.role !== 'staff' || !caller.organizationId) {
      throw new AppError('forbidden', 403, 'Registrations are for registration staff.');
    }
    return { kind: 'organization', organizationId: caller.organizationId };
  }

  /** Another organization's registration is a 404, like one that does not exist; audited either way. */
  private async find(caller: AuthenticatedCaller, id: string, action: string): Promise<RegistrationRow> {
    const row = await this.d.repo.get(id, this.scope(caller));
    if (!row) {
      await this.d.audit.record(caller, { action, entityType: 'Registration', entityId: id, outcome: 'denied' });
      throw notFound('This registration');
    }
    if (action === 'registration.read') {
      await this.d.audit.record(caller, {
        action,
        entityType: 'Registration',
        entityId: id,
        patientId: row.patient_id,
        outcome: 'allowed',
      });
    }
    return row;
  }

  private async view(row: RegistrationRow): Promise<Registration> {
    const candidates = await this.d.repo.patientsByIds(row.candidate_patient_ids);
    const mrn = row.patient_id ? ((await this.d.repo.mrnOf([row.patient_id]))[0]?.mrn ?? null) : null;
    const memberId = row.member_id === null ? null : this.d.fields.open(MEMBER_ID, row.member_id);
    return toRegistration({ ...row, member_id: memberId }, candidates, mrn);
  }

  private async recordCreated(
    caller: Caller,
    row: Pick<RegistrationRow, 'id' | 'source' | 'status'>,
    patientId: string,
    trx: Kysely<Database>,
  ): Promise<void> {
    await this.d.audit.record(
      caller,
      {
        action: 'patient.create',
        entityType: 'Patient',
        entityId: patientId,
        patientId,
        outcome: 'allowed',
        detail: { via: 'registration', registrationId: row.id, source: row.source },
      },
      trx,
    );
    await this.d.audit.record(
      caller,
      {
        action: 'registration.create',
        entityType: 'Registration',
        entityId: row.id,
        patientId,
        outcome: 'allowed',
        detail: { status: row.status, source: row.source },
      },
      trx,
    );
  }

  /** The existing enrollment path: an activation code, proven by the email it is sent to. */
  private async sendSignInCode(caller: Caller, row: RegistrationRow, patientId: string, orgName: string) {
    if (!row.email) return;
    const { code } = await this.d.accounts.issueActivationCode(caller, patientId);
    await this.d.mail.sendTo(row.email, emails.registrationComplete(orgName, code, `${this.d.publicUrl}/enroll/code`), {
      lang: row.preferred_language,
    });
  }
}

/** Existing patients with the same normalized name and birth date, and the same email or phone. */
export function findDuplicates(input: RegistrationInput, pool: CandidateRow[]): CandidateRow[] {
  const given = normalName(input.patient.given_name);
  const family = normalName(input.patient.family_name);
  const email = input.patient.email?.toLowerCase() ?? null;
  const phone = phoneKey(input.patient.phone);
  return pool.filter((p) => {
    if (normalName(p.given_name) !== given || normalName(p.family_name) !== family) return false;
    const sameEmail = email !== null && p.email !== null && p.email.toLowerCase() === email;
    const phones = [phoneKey(p.phone), phoneKey(p.mobile_phone)];
    const samePhone = phone !== null && phones.includes(phone);
    return sameEmail || samePhone;
  });
}

function patientOf(r: RegistrationRow) {
  return {
    organization_id: r.organization_id,
    given_name: r.given_name,
    family_name: r.family_name,
    birth_date: r.birth_date,
    sex: r.sex,
    email: r.email,
    phone: r.phone,
    preferred_language: r.preferred_language,
    address_line1: r.address_line1,
    address_line2: r.address_line2,
    address_city: r.address_city,
    address_region: r.address_region,
    address_postal_code: r.address_postal_code,
    address_country: r.address_country,
  };
}

/**
 * Anyone but registration staff gets this one answer, registered or held, so the form cannot tell
 * who is already a patient; the email they gave says which (docs/decisions/0025).
 */
const received = (id: string): RegistrationResult => ({ id, status: 'received', mrn: null, patientId: null });

const alreadyDecided = (): AppError =>
  new AppError('registration_already_decided', 409, 'Someone has already decided this registration. Reload the queue.');
