import type { Profile, RecordAccessEntry, RecordActorKind } from '@portico/contracts';
import type { AccessRow, ProfileRow } from './repository.js';

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function toProfile(r: ProfileRow): Profile {
  return {
    patientId: r.id,
    organizationName: r.organization_name,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    preferredName: r.preferred_name,
    pronouns: r.pronouns,
    sex: r.sex,
    email: r.email,
    homePhone: r.phone,
    mobilePhone: r.mobile_phone,
    visitPhone: r.visit_phone,
    preferredLanguage: r.preferred_language,
    address: {
      line1: r.address_line1,
      line2: r.address_line2,
      city: r.address_city,
      region: r.address_region,
      postalCode: r.address_postal_code,
      country: r.address_country,
    },
    // Organizations may name a registration line in their settings; tech help answers otherwise.
    registrationPhone: text(r.settings['registrationPhone']) ?? r.tech_help_phone,
    registrationHours: text(r.settings['registrationHours']),
    billingPhone: r.billing_phone,
    updatedAt: r.updated_at.toISOString(),
  };
}

const CARE_TEAM_ROLES = new Set(['clinician', 'staff', 'admin']);

/** One audit event as the patient reads it: who (by name and kind), when, what, and the outcome. */
export function toAccessEntry(r: AccessRow, ownerUserId: string | null, viewerUserId: string): RecordAccessEntry {
  let kind: RecordActorKind;
  if (!r.actor_user_id) kind = 'system';
  else if (r.actor_user_id === ownerUserId) kind = 'patient';
  else if (r.actor_role && CARE_TEAM_ROLES.has(r.actor_role)) kind = 'care_team';
  else kind = 'proxy';
  const name = r.given_name || r.family_name ? `${r.given_name ?? ''} ${r.family_name ?? ''}`.trim() : null;
  const credentials = r.credentials?.trim();
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorKind: kind,
    actorName: name && credentials && kind === 'care_team' ? `${name}, ${credentials}` : name,
    actorRole: kind === 'proxy' ? 'proxy' : r.actor_role,
    isYou: r.actor_user_id !== null && r.actor_user_id === viewerUserId,
    action: r.action,
    entityType: r.entity_type,
    outcome: r.outcome,
  };
}
