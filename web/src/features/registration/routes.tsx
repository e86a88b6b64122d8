import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Public, signed in or not: registration for new patients and the help page. */
export const registrationPublicRoutes: RouteObject[] = [
  { path: 'register', ...lazyPage(() => import('./RegisterPage'), 'RegisterPage') },
  { path: 'help', ...lazyPage(() => import('./HelpPage'), 'HelpPage') },
];

/** Registration staff: register from a call, and review possible duplicates. */
export const registrarRoutes: RouteObject[] = [
  // Replaces the old quick "add patient" form: every staff registration goes through duplicate checks.
  { path: 'patients/new', ...lazyPage(() => import('./StaffRegisterPage'), 'StaffRegisterPage') },
  { path: 'registrations', ...lazyPage(() => import('./RegistrationQueuePage'), 'RegistrationQueuePage') },
  { path: 'registrations/:id', ...lazyPage(() => import('./RegistrationReviewPage'), 'RegistrationReviewPage') },
];

/** Care team and staff: the tech-help request queue. */
export const supportQueueRoutes: RouteObject[] = [
  { path: 'support', ...lazyPage(() => import('./SupportQueuePage'), 'SupportQueuePage') },
];
