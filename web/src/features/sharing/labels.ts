import type { TFunction } from 'i18next';
import type { PortalArea, ProxyGrant, Relationship } from '@portico/contracts';
import { formatDate } from '../../app/ui/format';

export const AREAS: readonly PortalArea[] = [
  'appointments',
  'messages',
  'results',
  'medications',
  'billing',
  'profile',
];
export const RELATIONSHIPS: readonly Relationship[] = [
  'spouse',
  'partner',
  'child',
  'caregiver',
  'parent',
  'guardian',
  'other',
];

export function areaList(t: TFunction, areas: readonly PortalArea[]): string {
  return areas.map((a) => t(`sharing.areas.${a}`)).join(t('sharing.access.listSeparator'));
}

/** "Everything in the record" or "Only: Appointments, Bills", as the grant stands today. */
export function accessText(t: TFunction, grant: ProxyGrant): string {
  if (hasEnded(grant)) return t('sharing.access.endedNothing');
  if (grant.effectiveAreas.length === 0) return t('sharing.access.none');
  return grant.effectiveAreas.length >= AREAS.length
    ? t('sharing.access.full')
    : t('sharing.access.limited', { areas: areaList(t, grant.effectiveAreas) });
}

/** Today as YYYY-MM-DD in the viewer's own calendar (the earliest end date one can choose). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Access ended by its own end date (the server then gives nothing). */
export function hasEnded(grant: ProxyGrant, today = todayIso()): boolean {
  return grant.endsOn !== null && grant.endsOn < today;
}

export function endText(t: TFunction, grant: ProxyGrant, locale: string): string {
  if (!grant.endsOn) return t('sharing.access.noEnd');
  const date = formatDate(grant.endsOn, locale);
  return hasEnded(grant) ? t('sharing.access.ended', { date }) : t('sharing.access.until', { date });
}

/** A parent's access cut back by the teen rules, which the teen can lift. */
export function teenCanConsent(grant: ProxyGrant): boolean {
  return (
    (grant.relationship === 'parent' || grant.relationship === 'guardian') &&
    !grant.teenConsent &&
    !grant.revoked &&
    grant.effectiveAreas.length > 0 &&
    grant.effectiveAreas.length < AREAS.length
  );
}
