import core from './en.json';
import findDoctor from '../../features/find-doctor/en.json';
import appointments from '../../features/appointments/en.json';
import scheduleAdmin from '../../features/schedule-admin/en.json';
import deviceCheck from '../../features/device-check/en.json';
import visit from '../../features/visit/en.json';
import messages from '../../features/messages/en.json';
import sharing from '../../features/sharing/en.json';
import results from '../../features/results/en.json';
import profile from '../../features/profile/en.json';
import medications from '../../features/medications/en.json';
import billing from '../../features/billing/en.json';
import international from '../../features/international/en.json';
import billingRules from '../../features/billing-rules/en.json';
import registration from '../../features/registration/en.json';
import opinions from '../../features/opinions/en.json';
import smart from '../../features/smart/en.json';

/**
 * English strings: the app's shared file plus one file per feature, each under its own key,
 * so features can grow their wording without touching each other's files.
 */
export const en = {
  ...core,
  findDoctor,
  appointments,
  scheduleAdmin,
  deviceCheck,
  visit,
  messages,
  sharing,
  results,
  profile,
  medications,
  billing,
  billingRules,
  international,
  registration,
  opinions,
  smart,
};
