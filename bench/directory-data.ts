/**
 * Generated clinicians for the directory benchmark: the demo's service lines, specialties,
 * organizations and clinical areas, spread the way a large health system's directory is (far more
 * primary care and psychiatry than transplant), with varied names, languages and licensure.
 * Deterministic, so every run searches the same directory.
 */
import type { Insertable, Kysely } from 'kysely';
import type { CliniciansTable, Database, VisitMode } from '../server/src/db/schema.js';
import { CLINICIAN_ROLES, CREDENTIALS, FAMILY_NAMES, GIVEN_NAMES } from '../server/src/demo/data.js';
import { initialsAvatar } from '../server/src/lib/avatar.js';
import { DirectoryRepository } from '../server/src/modules/directory/repository.js';
import { seededRandom } from './stats.js';

const MORE_GIVEN = (
  'Maria José Wei Anh Mohammed Sarah Michael Jennifer Olumide Ana Rahul Sofia Hyun Ingrid Kwame Leila ' +
  'Mateus Claire Dmitri Esther Francisco Gabriela Hiroshi Isabel Jamal Katarzyna Liam Mei Nikhil Oksana ' +
  'Paolo Rania Siobhan Thanh Ursula Víctor Wanjiru Xavier Yasmin Zoe Emily James Laura Benjamin Rachel ' +
  'Ahmed Carmen Jean-Pierre Nomvula Tariq'
).split(' ');
const MORE_FAMILY = (
  'Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Smith Johnson Williams Brown Jones Miller Davis ' +
  'Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Kim Tran Pham Wang Li Zhang Liu Chen Patel ' +
  "Singh Kumar Gupta Cohen Levy Murphy O'Brien Kelly Sullivan Walsh Oliveira Santos Pereira Costa " +
  'Almeida Dubois Lefebvre Jean-Baptiste Pierre Ivanov Smirnova Novak Horvat Müller Schneider Fischer ' +
  'Yamamoto Tanaka Suzuki Choi Okonkwo Mensah Boateng Mwangi Hassan Ali Khan Rahman Begum Ferreira'
).split(' ');
const GIVEN = [...GIVEN_NAMES, ...MORE_GIVEN];
const FAMILY = [...FAMILY_NAMES, ...MORE_FAMILY];

/** How common each service line is among clinicians (relative weights). */
const LINE_WEIGHTS: Record<string, number> = {
  'primary-care': 14,
  psychiatry: 8,
  'womens-health': 6,
  cardiac: 5,
  orthopedics: 5,
  oncology: 5,
  'digestive-health': 4,
  neuroscience: 4,
  dermatology: 4,
  endocrinology: 3,
  pulmonology: 3,
  rehabilitation: 3,
  'allergy-immunology': 2,
  'general-surgery': 2,
  nephrology: 2,
  ophthalmology: 2,
  otolaryngology: 2,
  radiology: 2,
  rheumatology: 2,
  urology: 2,
  'plastic-surgery': 1,
  transplant: 1,
};

const LANGUAGE_MIX: ReadonlyArray<readonly [number, string[]]> = [
  [45, ['en']],
  [18, ['en', 'es']],
  [6, ['en', 'pt']],
  [5, ['en', 'zh']],
  [4, ['en', 'ht']],
  [4, ['en', 'fr']],
  [3, ['en', 'ar']],
  [3, ['en', 'ru']],
  [3, ['en', 'vi']],
  [3, ['en', 'hi']],
  [2, ['en', 'ko']],
  [2, ['en', 'es', 'pt']],
  [2, ['en', 'fr', 'ht']],
];
const STATE_MIX: ReadonlyArray<readonly [number, string[]]> = [
  [40, ['MA']],
  [20, ['MA', 'NH']],
  [12, ['MA', 'RI', 'CT']],
  [10, ['MA', 'NH', 'ME', 'VT']],
  [8, ['MA', 'NY']],
  [5, ['MA', 'RI', 'CT', 'NY', 'NJ']],
  [5, ['MA', 'FL']],
];
const MODE_MIX: ReadonlyArray<readonly [number, VisitMode[]]> = [
  [62, ['video', 'phone']],
  [15, ['video']],
  [15, ['video', 'phone', 'in_person']],
  [4, ['video', 'in_person']],
  // Not offered in the public directory: it lists video and phone visits only.
  [4, ['in_person']],
];

function weighted<T>(random: () => number, mix: ReadonlyArray<readonly [number, T]>): T {
  const total = mix.reduce((sum, [w]) => sum + w, 0);
  let r = random() * total;
  for (const [w, value] of mix) {
    r -= w;
    if (r < 0) return value;
  }
  const last = mix[mix.length - 1];
  if (!last) throw new Error('empty mix');
  return last[1];
}

const pick = <T>(random: () => number, list: readonly T[]): T => {
  const v = list[Math.floor(random() * list.length)];
  if (v === undefined) throw new Error('empty list');
  return v;
};

/**
 * Adds generated clinicians until the directory holds `total`, in bulk (500 rows a statement),
 * links each to one to three clinical areas of their service line and organization, and rebuilds
 * the search columns with the repository's own refreshSearch(). Returns how many were added.
 */
export async function generateClinicians(db: Kysely<Database>, total: number): Promise<number> {
  const existing = Number(
    (
      await db
        .selectFrom('clinicians')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const toAdd = Math.max(0, total - existing);
  if (toAdd === 0) return 0;
  const random = seededRandom(20261122 + existing);
  const orgs = new Map(
    (await db.selectFrom('organizations').select(['id', 'slug']).execute()).map((o) => [o.slug, o.id] as const),
  );
  const areas = await db
    .selectFrom('clinical_areas')
    .select(['id', 'organization_id', 'service_line_code', 'keywords'])
    .execute();
  const lineMix = Object.entries(LINE_WEIGHTS).map(([line, w]) => [w, line] as const);
  const now = Date.now();

  const rows: (Insertable<CliniciansTable> & { areaIds: string[] })[] = [];
  for (let i = 0; i < toAdd; i++) {
    const line = weighted(random, lineMix);
    const roles = CLINICIAN_ROLES.filter(([l]) => l === line);
    const [, specialty, orgSlug] = pick(random, roles);
    const organizationId = orgs.get(orgSlug) ?? [...orgs.values()][0] ?? '';
    const given = pick(random, GIVEN);
    const family = pick(random, FAMILY);
    const credentials = weighted(random, [
      [40, CREDENTIALS[0] ?? 'MD'],
      [8, CREDENTIALS[1] ?? 'MD, PhD'],
      [12, CREDENTIALS[2] ?? 'DO'],
      [18, CREDENTIALS[3] ?? 'NP'],
      [6, CREDENTIALS[4] ?? 'MD, MPH'],
      [16, CREDENTIALS[5] ?? 'PA-C'],
    ] as const);
    const pool = areas.filter((a) => a.service_line_code === line && a.organization_id === organizationId);
    const candidates = pool.length ? pool : areas.filter((a) => a.service_line_code === line);
    const chosen = [...candidates].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3));
    const interests = chosen
      .flatMap((a) => a.keywords.split(' ').slice(0, 3))
      .slice(0, 5)
      .join(', ');
    const modes = weighted(random, MODE_MIX);
    const open = random() < 0.85;
    rows.push({
      organization_id: organizationId,
      user_id: null,
      given_name: given,
      family_name: family,
      credentials,
      specialty,
      service_line_code: line,
      languages: weighted(random, LANGUAGE_MIX),
      licensed_states: weighted(random, STATE_MIX),
      photo_svg: initialsAvatar(given, family),
      bio:
        `${specialty} ${credentials.includes('MD') || credentials === 'DO' ? 'physician' : 'clinician'} ` +
        `seeing adults${random() < 0.2 ? ' and children' : ''}. Interests: ${interests || specialty.toLowerCase()}. ` +
        `Offers ${modes.filter((m) => m !== 'in_person').join(' and ') || 'in-person'} visits.`,
      visit_modes: modes,
      accepting_new_patients: random() < 0.8,
      self_scheduling: random() < 0.8,
      active: random() < 0.97,
      // Most have an opening within weeks, a few are booked out (no next opening known).
      next_available_at: open ? new Date(now + Math.floor(random() ** 2 * 45 * 86_400_000)) : null,
      areaIds: chosen.map((a) => a.id),
    });
  }

  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < rows.length; from += 500) {
      const batch = rows.slice(from, from + 500);
      const inserted = await trx
        .insertInto('clinicians')
        .values(batch.map(({ areaIds: _areaIds, ...row }) => row))
        .returning('id')
        .execute();
      const links = inserted.flatMap((r, j) =>
        (batch[j]?.areaIds ?? []).map((areaId) => ({ clinician_id: r.id, clinical_area_id: areaId })),
      );
      if (links.length) await trx.insertInto('clinician_clinical_areas').values(links).execute();
    }
    await new DirectoryRepository(trx).refreshSearch(null);
  });
  return toAdd;
}
