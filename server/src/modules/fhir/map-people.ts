import type { ClinicianRow, OrganizationRow, PatientRow } from './repository.js';
import { fhirDate, meta, ref, V2_0203, type Resource } from './resource.js';

/** The MRN system of one organization: a URI under Portico's address, stable per organization. */
export function mrnSystem(baseUrl: string, orgSlug: string): string {
  return `${baseUrl}/identifiers/mrn/${orgSlug}`;
}

const phoneOk = (p: string | null): p is string => typeof p === 'string' && p.trim().length > 0;

/** US Core Patient: MRN, name, gender, birth date, telecom, address, language. */
export function patient(p: PatientRow, baseUrl: string): Resource {
  const telecom = [
    ...(phoneOk(p.phone) ? [{ system: 'phone', value: p.phone, use: 'home' }] : []),
    ...(phoneOk(p.mobile_phone) ? [{ system: 'phone', value: p.mobile_phone, use: 'mobile' }] : []),
    ...(p.email ? [{ system: 'email', value: p.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: meta('us-core-patient', p.updated_at),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: V2_0203, code: 'MR', display: 'Medical record number' }], text: 'MRN' },
        system: mrnSystem(baseUrl, p.org_slug),
        value: p.mrn,
        assigner: ref('Organization', p.organization_id, p.org_name),
      },
    ],
    active: true,
    name: [
      { use: 'official', family: p.family_name, given: [p.given_name] },
      ...(p.preferred_name ? [{ use: 'usual', given: [p.preferred_name], family: p.family_name }] : []),
    ],
    ...(telecom.length ? { telecom } : {}),
    gender: p.sex ?? 'unknown',
    birthDate: fhirDate(p.birth_date),
    ...(p.address_line1 && p.address_city && p.address_postal_code
      ? {
          address: [
            {
              use: 'home',
              line: [p.address_line1, ...(p.address_line2 ? [p.address_line2] : [])],
              city: p.address_city,
              ...(p.address_region ? { state: p.address_region } : {}),
              postalCode: p.address_postal_code,
              country: p.address_country,
            },
          ],
        }
      : {}),
    communication: [
      {
        language: {
          coding: [{ system: 'urn:ietf:bcp:47', code: p.preferred_language }],
          text: p.preferred_language,
        },
        preferred: true,
      },
    ],
    managingOrganization: ref('Organization', p.organization_id, p.org_name),
  };
}

function clinicianDisplay(c: ClinicianRow): string {
  return `${c.given_name} ${c.family_name}${c.credentials ? `, ${c.credentials}` : ''}`;
}

/** US Core Practitioner (no NPI is kept yet, so the identifier is Portico's own id). */
export function practitioner(c: ClinicianRow, baseUrl: string, updated: Date): Resource {
  return {
    resourceType: 'Practitioner',
    id: c.id,
    meta: meta('us-core-practitioner', updated),
    identifier: [{ system: `${baseUrl}/identifiers/clinician`, value: c.id }],
    active: true,
    name: [
      {
        family: c.family_name,
        given: [c.given_name],
        ...(c.credentials ? { suffix: c.credentials.split(',').map((s) => s.trim()) } : {}),
        text: clinicianDisplay(c),
      },
    ],
    communication: c.languages.map((l) => ({ coding: [{ system: 'urn:ietf:bcp:47', code: l }] })),
  };
}

/** Where a clinician works and in what role (same id as the Practitioner). */
export function practitionerRole(c: ClinicianRow, org: OrganizationRow, updated: Date): Resource {
  return {
    resourceType: 'PractitionerRole',
    id: c.id,
    meta: meta('us-core-practitionerrole', updated),
    active: true,
    practitioner: ref('Practitioner', c.id, clinicianDisplay(c)),
    organization: ref('Organization', org.id, org.name),
    code: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/practitioner-role', code: 'doctor' }] }],
    specialty: [{ text: c.specialty }, { text: c.service_line }],
    location: [ref('Location', org.id, `${org.name} virtual care`)],
    telecom: [{ system: 'phone', value: org.tech_help_phone, use: 'work' }],
  };
}

export function organization(o: OrganizationRow, baseUrl: string, updated: Date): Resource {
  return {
    resourceType: 'Organization',
    id: o.id,
    meta: meta('us-core-organization', updated),
    identifier: [{ system: `${baseUrl}/identifiers/organization`, value: o.slug }],
    active: true,
    type: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/organization-type',
            code: 'prov',
            display: 'Healthcare Provider',
          },
        ],
      },
    ],
    name: o.name,
    telecom: [
      { system: 'phone', value: o.tech_help_phone, use: 'work' },
      { system: 'email', value: o.tech_help_email, use: 'work' },
    ],
  };
}

/** Each organization's virtual care, as the Location its video and phone visits happen at. */
export function location(o: OrganizationRow, updated: Date): Resource {
  return {
    resourceType: 'Location',
    id: o.id,
    meta: meta('us-core-location', updated),
    status: 'active',
    name: `${o.name} virtual care`,
    mode: 'kind',
    telecom: [{ system: 'phone', value: o.tech_help_phone, use: 'work' }],
    managingOrganization: ref('Organization', o.id, o.name),
  };
}
