import type { PortalArea } from '../../db/schema.js';

export const ALL_AREAS: readonly PortalArea[] = [
  'appointments',
  'messages',
  'results',
  'medications',
  'billing',
  'profile',
];

/** An organization's rules for parents and guardians of minors. */
export interface MinorRules {
  /** Below this age a parent has full access. */
  fullAccessUnder: number;
  /** At this age a parent's access ends (the patient is an adult). */
  adultAt: number;
  /** What a parent of a teen (between the two) sees unless the teen agrees to full access. */
  teenAreas: PortalArea[];
}

export function minorRules(settings: Record<string, unknown>): MinorRules {
  const raw = settings['proxyMinorRules'];
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const age = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 21 ? v : fallback;
  const fullAccessUnder = age(r['fullAccessUnder'], 12);
  const adultAt = Math.max(fullAccessUnder, age(r['adultAt'], 18));
  const teenAreas = Array.isArray(r['teenAreas'])
    ? r['teenAreas'].filter(
        (a): a is PortalArea => typeof a === 'string' && (ALL_AREAS as readonly string[]).includes(a),
      )
    : ['appointments', 'billing'];
  return { fullAccessUnder, adultAt, teenAreas: teenAreas as PortalArea[] };
}

/** Whole years between a birth date and a day (both ISO dates). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!by || !bm || !bd || !ty || !tm || !td) return NaN;
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export interface GrantFacts {
  relationship: string;
  access: 'full' | 'limited';
  areas: readonly PortalArea[];
  endsOn: string | null;
  revoked: boolean;
  teenConsent: boolean;
  patientBirthDate: string;
}

/**
 * What a grant lets its holder see today, or null when it gives nothing (revoked, expired, or a
 * parent's access to a child who has come of age).
 */
export function effectiveAreas(g: GrantFacts, today: string, rules: MinorRules): PortalArea[] | null {
  if (g.revoked) return null;
  if (g.endsOn !== null && g.endsOn < today) return null;
  const age = ageOn(g.patientBirthDate, today);
  if (g.relationship === 'parent' || g.relationship === 'guardian') {
    if (age >= rules.adultAt) return null;
    if (age < rules.fullAccessUnder) return [...ALL_AREAS];
    return g.teenConsent ? [...ALL_AREAS] : [...rules.teenAreas];
  }
  return g.access === 'full' ? [...ALL_AREAS] : [...g.areas];
}
