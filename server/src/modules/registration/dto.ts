import type { Registration } from '@portico/contracts';
import type { CandidateRow, RegistrationRow } from './repository.js';

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** A registration row, with its duplicate candidates, as registrars see it. */
export function toRegistration(r: RegistrationRow, candidates: CandidateRow[], mrn: string | null): Registration {
  return {
    id: r.id,
    organizationId: r.organization_id,
    source: r.source,
    status: r.status,
    patientId: r.patient_id,
    mrn,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    sex: r.sex,
    email: r.email,
    phone: r.phone,
    preferredLanguage: r.preferred_language,
    address: {
      line1: r.address_line1,
      line2: r.address_line2,
      city: r.address_city,
      region: r.address_region,
      postalCode: r.address_postal_code,
      country: r.address_country,
    },
    payment: r.payment,
    payerName: r.payer_name,
    planName: r.plan_name,
    memberId: r.member_id,
    candidates: candidates.map((c) => ({
      patientId: c.id,
      mrn: c.mrn,
      givenName: c.given_name,
      familyName: c.family_name,
      birthDate: c.birth_date,
      email: c.email,
      phone: c.phone ?? c.mobile_phone,
      hasAccount: c.user_id !== null,
    })),
    createdAt: iso(r.created_at),
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
  };
}
