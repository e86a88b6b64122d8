import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { refreshDirectorySearch } from '../modules/directory/index.js';
import { hashPassword } from '../modules/identity/index.js';
import { initialsAvatar } from '../lib/avatar.js';
import { CLINICAL_AREAS } from './areas.js';
import { seedSchedules } from './schedules.js';
import { seedMessagePools } from './pools.js';
import { seedResults } from './results.js';
import { ensureDemoVitals } from './vitals.js';
import { seedProfile } from './profile.js';
import { seedMedications } from './medications.js';
import { seedBilling } from './billing.js';
import {
  CLINICIAN_ROLES,
  CREDENTIALS,
  DEMO_CLINICIAN_INDEX,
  DEMO_PASSWORD,
  FAMILY_NAMES,
  GIVEN_NAMES,
  HOLIDAYS,
  LANGUAGE_SETS,
  ORGANIZATIONS,
  PATIENTS,
  SERVICE_LINES,
  STATE_SETS,
} from './data.js';

export interface SeedResult {
  seeded: boolean;
  organizations: number;
  clinicians: number;
  patients: number;
}

const pick = <T>(list: readonly T[], i: number): T => {
  const v = list[i % list.length];
  if (v === undefined) throw new Error('empty demo list');
  return v;
};

/**
 * Loads the demo health system once: when the database has no organizations. Everything is
 * inserted in one transaction, so a failed seed leaves nothing half-written.
 */
export async function seedDemo(db: Kysely<Database>): Promise<SeedResult> {
  const existing = await db.selectFrom('organizations').select('id').limit(1).execute();
  if (existing.length > 0) return { seeded: false, organizations: 0, clinicians: 0, patients: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_lines')
      .values(SERVICE_LINES.map(([code, name]) => ({ code, name })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    const orgIds = new Map<string, string>();
    for (const o of ORGANIZATIONS) {
      const row = await trx
        .insertInto('organizations')
        .values({
          slug: o.slug,
          name: o.name,
          time_zone: o.timeZone,
          tech_help_phone: o.techHelpPhone,
          tech_help_email: o.techHelpEmail,
          billing_phone: o.billingPhone,
          settings: JSON.stringify(o.settings),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(o.slug, row.id);
    }
    const orgId = (slug: string): string => {
      const id = orgIds.get(slug);
      if (!id) throw new Error(`unknown demo organization ${slug}`);
      return id;
    };
    const general = orgId('harbor-general');

    const user = (email: string, role: Database['users']['role'], given: string, family: string, org: string) =>
      trx
        .insertInto('users')
        .values({
          email,
          role,
          given_name: given,
          family_name: family,
          organization_id: org,
          password_hash: passwordHash,
          email_verified_at: new Date(),
          password_changed_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();

    const clinicianUser = await user('clinician@example.org', 'clinician', 'Priya', 'Raman', general);
    const staffUser = await user('staff@example.org', 'staff', 'Jordan', 'Avery', general);
    await user('admin@example.org', 'admin', 'Morgan', 'Lee', general);
    const cancerStaff = await user('staff.cancer@example.org', 'staff', 'Casey', 'Quinn', orgId('harbor-cancer'));
    await seedMessagePools(trx, {
      general,
      cancer: orgId('harbor-cancer'),
      generalTeam: [clinicianUser.id, staffUser.id],
      generalFrontDesk: [staffUser.id],
      cancerTeam: [cancerStaff.id],
    });

    const clinicians = CLINICIAN_ROLES.map(([line, specialty, org], i) => {
      const given = pick(GIVEN_NAMES, i);
      const family = pick(FAMILY_NAMES, i * 7 + 3);
      return {
        organization_id: orgId(org),
        user_id: i === DEMO_CLINICIAN_INDEX ? clinicianUser.id : null,
        given_name: i === DEMO_CLINICIAN_INDEX ? 'Priya' : given,
        family_name: i === DEMO_CLINICIAN_INDEX ? 'Raman' : family,
        credentials: pick(CREDENTIALS, i),
        specialty,
        service_line_code: line,
        // The first cardiologist speaks Spanish: the demo's "find a doctor" walk-through needs one.
        languages: specialty === 'Cardiology' ? ['en', 'es'] : pick(LANGUAGE_SETS, i),
        licensed_states: pick(STATE_SETS, i),
        photo_svg: initialsAvatar(
          i === DEMO_CLINICIAN_INDEX ? 'Priya' : given,
          i === DEMO_CLINICIAN_INDEX ? 'Raman' : family,
        ),
        bio: `${specialty} clinician at ${org === 'harbor-cancer' ? 'Harbor Cancer Institute' : 'Harbor General Hospital'}. Offers video and phone visits.`,
      };
    });
    const clinicianRows = await trx
      .insertInto('clinicians')
      .values(
        clinicians.map((c, i) => ({
          ...c,
          visit_modes:
            i % 6 === 5
              ? (['video', 'phone', 'in_person'] as const).slice()
              : i % 9 === 4
                ? ['video' as const]
                : ['video' as const, 'phone' as const],
          self_scheduling: i % 5 !== 3,
          accepting_new_patients: i % 7 !== 6,
        })),
      )
      .returning(['id', 'organization_id', 'service_line_code', 'visit_modes'])
      .execute();

    const areaRows = await trx
      .insertInto('clinical_areas')
      .values(
        CLINICAL_AREAS.map(([line, name, keywords]) => ({
          organization_id: line === 'oncology' || /Oncology|Cancer/.test(name) ? orgId('harbor-cancer') : general,
          service_line_code: line,
          name,
          keywords,
        })),
      )
      .returning(['id', 'organization_id', 'service_line_code'])
      .execute();
    const links = clinicianRows.flatMap((c, i) => {
      const candidates = areaRows.filter(
        (a) => a.service_line_code === c.service_line_code && a.organization_id === c.organization_id,
      );
      const pool = candidates.length ? candidates : areaRows.filter((a) => a.service_line_code === c.service_line_code);
      return pool
        .filter((_, j) => (j + i) % 2 === 0 || pool.length <= 2)
        .slice(0, 3)
        .map((a) => ({ clinician_id: c.id, clinical_area_id: a.id }));
    });
    await trx.insertInto('clinician_clinical_areas').values(links).execute();
    await trx
      .insertInto('holidays')
      .values(
        ORGANIZATIONS.flatMap((o) =>
          HOLIDAYS.map(([date, name]) => ({ organization_id: orgId(o.slug), on_date: date, name })),
        ),
      )
      .execute();
    await refreshDirectorySearch(trx);

    const patientUser = await user('patient@example.org', 'patient', 'Eleanor', 'Whitfield', general);
    const patients = PATIENTS.map(([given, family, birthDate, lang], i) => ({
      organization_id: i % 3 === 2 ? orgId('harbor-cancer') : general,
      user_id: i === 0 ? patientUser.id : null,
      given_name: given,
      family_name: family,
      birth_date: birthDate,
      email:
        i === 0
          ? 'patient@example.org'
          : `${given
              .toLowerCase()
              .normalize('NFD')
              .replace(/[^a-z]/g, '')}.${family
              .toLowerCase()
              .normalize('NFD')
              .replace(/[^a-z]/g, '')}@example.net`,
      phone: `617-555-${String(1000 + i * 37).padStart(4, '0')}`,
      preferred_language: lang,
    }));
    const patientRows = await trx.insertInto('patients').values(patients).returning('id').execute();
    await seedSchedules(trx, clinicianRows, patientRows[0]?.id ?? null);
    await seedResults(trx);
    await ensureDemoVitals(trx);
    await seedProfile(trx);
    await seedMedications(trx);
    await seedBilling(trx);
    return {
      seeded: true,
      organizations: ORGANIZATIONS.length,
      clinicians: clinicians.length,
      patients: patients.length,
    };
  });
}
