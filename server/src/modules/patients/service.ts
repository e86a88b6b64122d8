import type { ActivationCode, CreatePatientBody, Patient, PatientList, PatientSearchQuery } from '@portico/contracts';
import { looksLikeMrn, parseMrn } from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { AccountService } from '../identity/index.js';
import type { PatientRepository, PatientRow, PatientScope } from './repository.js';

/**
 * Patient records. Access: a patient (or later a proxy) sees only the record they act for;
 * clinicians and staff see their organization's patients; admins see all. Everything else is a
 * 404, exactly like a record that does not exist, and the attempt is audited as denied.
 */
export class PatientService {
  constructor(
    private readonly repo: PatientRepository,
    private readonly audit: AuditService,
    private readonly accounts: AccountService,
  ) {}

  private scope(caller: AuthenticatedCaller): PatientScope | null {
    switch (caller.role) {
      case 'admin':
        return { kind: 'all' };
      case 'clinician':
      case 'staff':
        return caller.organizationId ? { kind: 'organization', organizationId: caller.organizationId } : null;
      case 'patient':
      case 'proxy':
        return caller.actingForPatientId ? { kind: 'self', patientId: caller.actingForPatientId } : null;
    }
  }

  async get(caller: AuthenticatedCaller, id: string): Promise<Patient> {
    const scope = this.scope(caller);
    const row = scope ? await this.repo.get(id, scope) : undefined;
    await this.audit.record(caller, {
      action: 'patient.read',
      entityType: 'Patient',
      entityId: id,
      patientId: id,
      outcome: row ? 'allowed' : 'denied',
    });
    if (!row) throw notFound('This patient record');
    return toDto(row);
  }

  async search(caller: AuthenticatedCaller, query: PatientSearchQuery): Promise<PatientList> {
    const scope = this.scope(caller);
    if (!scope || scope.kind === 'self') {
      await this.audit.record(caller, { action: 'patient.search', entityType: 'Patient', outcome: 'denied' });
      throw new AppError('forbidden', 403, 'Patient search is for care teams and staff.');
    }
    const rows = await this.searchRows(query, scope);
    // One event per record shown: "who looked at my record" must include appearing in a search.
    for (const row of rows) {
      await this.audit.record(caller, {
        action: 'patient.search',
        entityType: 'Patient',
        entityId: row.id,
        patientId: row.id,
        outcome: 'allowed',
      });
    }
    return { patients: rows.map(toDto) };
  }

  /** Digits mean an MRN (dashes and spaces allowed): a wrong check digit is a field error, not "no match". */
  private async searchRows(query: PatientSearchQuery, scope: PatientScope): Promise<PatientRow[]> {
    const text = query.q ?? '';
    if (!looksLikeMrn(text)) return this.repo.search(text, scope, query.limit ?? 25);
    const parsed = parseMrn(text);
    if (!parsed.ok) throw new AppError('mrn_invalid', 400, parsed.message, [{ field: 'q', message: parsed.message }]);
    return this.repo.byMrn(parsed.mrn, scope);
  }

  async create(caller: AuthenticatedCaller, body: CreatePatientBody): Promise<Patient> {
    if (caller.role !== 'staff' && caller.role !== 'admin')
      throw new AppError('forbidden', 403, 'Only staff can register patients.');
    if (!caller.organizationId) throw new AppError('forbidden', 403, 'Your account has no organization.');
    const organizationId = caller.organizationId;
    // The record and its audit row commit together or not at all (decision 0027).
    const row = await this.repo.transaction(async (repo, trx) => {
      const created = await repo.insert({
        organizationId,
        givenName: body.givenName.trim(),
        familyName: body.familyName.trim(),
        birthDate: body.birthDate,
        email: body.email ?? null,
        phone: body.phone ?? null,
        preferredLanguage: body.preferredLanguage ?? 'en',
      });
      const entry = { action: 'patient.create', entityType: 'Patient', entityId: created.id, patientId: created.id };
      await this.audit.record(caller, { ...entry, outcome: 'allowed' }, trx);
      return created;
    });
    return toDto(row);
  }

  async issueActivationCode(caller: AuthenticatedCaller, patientId: string): Promise<ActivationCode> {
    const scope = caller.role === 'staff' || caller.role === 'admin' ? this.scope(caller) : null;
    const row = scope ? await this.repo.get(patientId, scope) : undefined;
    const entry = { action: 'patient.activation_code.issue', entityType: 'Patient', entityId: patientId, patientId };
    if (!row) {
      await this.audit.record(caller, { ...entry, outcome: 'denied' });
      throw notFound('This patient record');
    }
    if (row.user_id) {
      await this.audit.record(caller, { ...entry, outcome: 'denied', detail: { reason: 'already_enrolled' } });
      throw new AppError(
        'conflict',
        409,
        'This patient already has a Portico account. They can reset their password from the sign-in page.',
      );
    }
    const code = await this.accounts.issueActivationCode(caller, patientId);
    await this.audit.record(caller, { ...entry, outcome: 'allowed' });
    return code;
  }
}

function toDto(r: PatientRow): Patient {
  return {
    id: r.id,
    organizationId: r.organization_id,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    email: r.email,
    phone: r.phone,
    preferredLanguage: r.preferred_language,
    hasAccount: r.user_id !== null,
    mrn: r.mrn,
  };
}
