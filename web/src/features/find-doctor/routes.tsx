import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Public pages: anyone may look for a virtual-visit clinician without signing in. */
export const findDoctorPublicRoutes: RouteObject[] = [
  { path: 'find-a-doctor', ...lazyPage(() => import('./FindDoctorPage'), 'FindDoctorPage') },
  { path: 'find-a-doctor/:id', ...lazyPage(() => import('./ClinicianPage'), 'ClinicianPage') },
];
