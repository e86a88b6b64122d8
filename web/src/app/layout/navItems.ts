import type { Role } from '@portico/contracts';
import type { ParseKeys } from 'i18next';

export interface NavItem {
  to: string;
  label: ParseKeys;
  end?: boolean;
  /** In the second group: reached after the main destinations (keyboard and screen reader order). */
  more?: true;
  /** Offered only to patients with an international profile (the others opt in from their profile). */
  international?: true;
}

const home: NavItem = { to: '/', label: 'nav.home', end: true };
const account: NavItem = { to: '/account', label: 'nav.account' };
const findPatient: NavItem = { to: '/patients', label: 'nav.findPatient', end: true };
const addPatient: NavItem = { to: '/patients/new', label: 'nav.addPatient' };
const findDoctor: NavItem = { to: '/find-a-doctor', label: 'nav.findDoctor' };
const appointments: NavItem = { to: '/appointments', label: 'nav.appointments' };
const schedule: NavItem = { to: '/schedule', label: 'nav.schedule', end: true };
const visits: NavItem = { to: '/visits', label: 'nav.visits' };
const requests: NavItem = { to: '/schedule/requests', label: 'nav.requests' };
const clinicians: NavItem = { to: '/admin/clinicians', label: 'nav.clinicians' };
const messages: NavItem = { to: '/messages', label: 'nav.messages' };
const results: NavItem = { to: '/results', label: 'nav.results' };
const billing: NavItem = { to: '/billing', label: 'nav.billing' };
const billingQuestions: NavItem = { to: '/billing/disputes', label: 'nav.billingQuestions' };
const inbox: NavItem = { to: '/inbox', label: 'nav.inbox' };
const profile: NavItem = { to: '/profile', label: 'profile.nav' };
const insurancePlans: NavItem = { to: '/admin/insurance-plans', label: 'profile.navPlans' };
const international: NavItem = { to: '/international', label: 'international.nav', international: true };
const internationalQueue: NavItem = { to: '/international/queue', label: 'international.navStaff' };
const medications: NavItem = { to: '/medications', label: 'medications.nav.medications' };
const refills: NavItem = { to: '/refills', label: 'medications.nav.refills' };
const secondOpinions: NavItem = { to: '/second-opinions', label: 'opinions.nav.patient', end: true };
const opinionQueue: NavItem = { to: '/second-opinions/queue', label: 'opinions.nav.queue' };
const sharing: NavItem = { to: '/sharing', label: 'nav.sharing' };
const sharedWithMe: NavItem = { to: '/sharing', label: 'nav.sharedWithMe' };
const connectedApps: NavItem = { to: '/connected-apps', label: 'smart.connected.nav' };
const help: NavItem = { to: '/help', label: 'registration.nav.help' };
const registrations: NavItem = { to: '/registrations', label: 'registration.nav.queue' };
const supportQueue: NavItem = { to: '/support', label: 'registration.nav.support' };

/** The menu for each role; pages a role may not use are never offered. */
export function navItemsFor(role: Role): NavItem[] {
  switch (role) {
    case 'patient':
    case 'proxy':
      // Main destinations first, so a keyboard reaches "Find a doctor" in a few presses.
      return [
        home,
        appointments,
        findDoctor,
        messages,
        results,
        medications,
        billing,
        ...[
          secondOpinions,
          international,
          role === 'patient' ? sharing : sharedWithMe,
          connectedApps,
          profile,
          help,
          account,
        ].map((item): NavItem => ({ ...item, more: true })),
      ];
    case 'clinician':
      return [home, visits, inbox, refills, opinionQueue, schedule, requests, findPatient, account];
    case 'staff':
      return [
        home,
        inbox,
        refills,
        opinionQueue,
        schedule,
        requests,
        findPatient,
        addPatient,
        registrations,
        supportQueue,
        clinicians,
        { to: '/admin/users', label: 'nav.staffAccounts' },
        insurancePlans,
        billingQuestions,
        internationalQueue,
        account,
      ];
    case 'admin':
      return [
        home,
        schedule,
        requests,
        findPatient,
        addPatient,
        clinicians,
        { to: '/admin/scheduling-settings', label: 'nav.schedulingSettings' },
        { to: '/admin/result-release', label: 'nav.resultRelease' },
        insurancePlans,
        billingQuestions,
        internationalQueue,
        { to: '/admin/billing-rules', label: 'billingRules.nav' },
        { to: '/admin/users', label: 'nav.users' },
        { to: '/admin/sign-in-policy', label: 'nav.mfaPolicy' },
        { to: '/admin/outbox', label: 'nav.outbox' },
        { to: '/admin/audit', label: 'nav.audit' },
        { to: '/admin/search-words', label: 'nav.searchWords' },
        { to: '/admin/smart-apps', label: 'smart.admin.nav' },
        account,
      ];
  }
}
