import type { Role } from '@portico/contracts';
import type { ParseKeys } from 'i18next';

export interface NavItem {
  to: string;
  label: ParseKeys;
  end?: boolean;
}

const home: NavItem = { to: '/', label: 'nav.home', end: true };
const account: NavItem = { to: '/account', label: 'nav.account' };
const findPatient: NavItem = { to: '/patients', label: 'nav.findPatient', end: true };
const addPatient: NavItem = { to: '/patients/new', label: 'nav.addPatient' };

/** The menu for each role; pages a role may not use are never offered. */
export function navItemsFor(role: Role): NavItem[] {
  switch (role) {
    case 'patient':
    case 'proxy':
      return [home, account];
    case 'clinician':
      return [home, findPatient, account];
    case 'staff':
      return [home, findPatient, addPatient, { to: '/admin/users', label: 'nav.staffAccounts' }, account];
    case 'admin':
      return [
        home,
        findPatient,
        addPatient,
        { to: '/admin/users', label: 'nav.users' },
        { to: '/admin/outbox', label: 'nav.outbox' },
        { to: '/admin/audit', label: 'nav.audit' },
        account,
      ];
  }
}
