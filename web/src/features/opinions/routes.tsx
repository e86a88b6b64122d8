import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies. */
export const opinionPatientRoutes: RouteObject[] = [
  { path: 'second-opinions', ...lazyPage(() => import('./PatientPages'), 'OpinionListPage') },
  { path: 'second-opinions/new', ...lazyPage(() => import('./PatientPages'), 'NewOpinionPage') },
  { path: 'second-opinions/:id', ...lazyPage(() => import('./PatientPages'), 'OpinionRequestPage') },
];

/** Clinicians, staff and admins of the organization. */
export const opinionCareTeamRoutes: RouteObject[] = [
  { path: 'second-opinions/queue', ...lazyPage(() => import('./StaffPages'), 'OpinionQueuePage') },
  { path: 'second-opinions/queue/:id', ...lazyPage(() => import('./StaffPages'), 'OpinionReviewPage') },
];

/** A referring physician's upload link: no sign-in, the token is in the URL fragment. */
export const opinionPublicRoutes: RouteObject[] = [
  {
    path: 'second-opinions/:id/physician-upload',
    ...lazyPage(() => import('./PhysicianUploadPage'), 'PhysicianUploadPage'),
  },
];
