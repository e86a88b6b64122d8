import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies (inside RequireAuth for those roles and the "profile" area). */
export const profileRoutes: RouteObject[] = [
  { path: 'profile', ...lazyPage(() => import('./ProfilePage'), 'ProfilePage') },
  { path: 'profile/access', ...lazyPage(() => import('./RecordAccessPage'), 'RecordAccessPage') },
  { path: 'profile/download', ...lazyPage(() => import('./RecordDownloadPage'), 'RecordDownloadPage') },
];

/** Staff and admins: the insurance plan catalog. */
export const insurancePlanRoutes: RouteObject[] = [
  { path: 'admin/insurance-plans', ...lazyPage(() => import('./PlansAdminPage'), 'PlansAdminPage') },
];
