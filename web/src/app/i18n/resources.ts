import type core from './en.json';
import type findDoctor from '../../features/find-doctor/en.json';
import type appointments from '../../features/appointments/en.json';
import type scheduleAdmin from '../../features/schedule-admin/en.json';
import type deviceCheck from '../../features/device-check/en.json';
import type visit from '../../features/visit/en.json';
import type messages from '../../features/messages/en.json';
import type sharing from '../../features/sharing/en.json';
import type results from '../../features/results/en.json';
import type profile from '../../features/profile/en.json';
import type medications from '../../features/medications/en.json';
import type billing from '../../features/billing/en.json';
import type international from '../../features/international/en.json';
import type billingRules from '../../features/billing-rules/en.json';
import type registration from '../../features/registration/en.json';
import type opinions from '../../features/opinions/en.json';
import type smart from '../../features/smart/en.json';
import type mfa from '../../features/mfa/en.json';

/**
 * The shape of the English strings: the app's shared file plus one file per feature, each under
 * its own key. Types only: the catalogs themselves are loaded lazily (catalogs.ts).
 */
export type EnglishResources = Omit<typeof core, '$format'> & {
  findDoctor: Omit<typeof findDoctor, '$format'>;
  appointments: Omit<typeof appointments, '$format'>;
  scheduleAdmin: Omit<typeof scheduleAdmin, '$format'>;
  deviceCheck: Omit<typeof deviceCheck, '$format'>;
  visit: Omit<typeof visit, '$format'>;
  messages: Omit<typeof messages, '$format'>;
  sharing: Omit<typeof sharing, '$format'>;
  results: Omit<typeof results, '$format'>;
  profile: Omit<typeof profile, '$format'>;
  medications: Omit<typeof medications, '$format'>;
  billing: Omit<typeof billing, '$format'>;
  billingRules: Omit<typeof billingRules, '$format'>;
  international: Omit<typeof international, '$format'>;
  registration: Omit<typeof registration, '$format'>;
  opinions: Omit<typeof opinions, '$format'>;
  smart: Omit<typeof smart, '$format'>;
  mfa: Omit<typeof mfa, '$format'>;
};
