import type { RouteObject } from 'react-router';
import { HelpPage } from './HelpPage';
import { RegisterPage } from './RegisterPage';
import { RegistrationQueuePage } from './RegistrationQueuePage';
import { RegistrationReviewPage } from './RegistrationReviewPage';
import { StaffRegisterPage } from './StaffRegisterPage';
import { SupportQueuePage } from './SupportQueuePage';

/** Public, signed in or not: registration for new patients and the help page. */
export const registrationPublicRoutes: RouteObject[] = [
  { path: 'register', element: <RegisterPage /> },
  { path: 'help', element: <HelpPage /> },
];

/** Registration staff: register from a call, and review possible duplicates. */
export const registrarRoutes: RouteObject[] = [
  // Replaces the old quick "add patient" form: every staff registration goes through duplicate checks.
  { path: 'patients/new', element: <StaffRegisterPage /> },
  { path: 'registrations', element: <RegistrationQueuePage /> },
  { path: 'registrations/:id', element: <RegistrationReviewPage /> },
];

/** Care team and staff: the tech-help request queue. */
export const supportQueueRoutes: RouteObject[] = [{ path: 'support', element: <SupportQueuePage /> }];
