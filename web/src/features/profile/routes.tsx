import type { RouteObject } from 'react-router';
import { PlansAdminPage } from './PlansAdminPage';
import { ProfilePage } from './ProfilePage';
import { RecordAccessPage } from './RecordAccessPage';

/** Patients and proxies (inside RequireAuth for those roles and the "profile" area). */
export const profileRoutes: RouteObject[] = [
  { path: 'profile', element: <ProfilePage /> },
  { path: 'profile/access', element: <RecordAccessPage /> },
];

/** Staff and admins: the insurance plan catalog. */
export const insurancePlanRoutes: RouteObject[] = [{ path: 'admin/insurance-plans', element: <PlansAdminPage /> }];
