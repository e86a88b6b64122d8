import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies. */
export const internationalRoutes: RouteObject[] = [
  { path: 'international', ...lazyPage(() => import('./InternationalPage'), 'InternationalPage') },
];

/** Staff and admins. */
export const internationalStaffRoutes: RouteObject[] = [
  { path: 'international/queue', ...lazyPage(() => import('./QueuePage'), 'QueuePage') },
];

/** A home-country doctor's link: no sign-in, the token is in the URL fragment. */
export const internationalPublicRoutes: RouteObject[] = [
  { path: 'international/doctor/:id', ...lazyPage(() => import('./DoctorCasePage'), 'DoctorCasePage') },
];
