import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Signed in (any role; the page explains when a staff account cannot connect apps). */
export const smartConsentRoutes: RouteObject[] = [
  { path: 'smart/authorize/:uid', ...lazyPage(() => import('./ConsentPage'), 'ConsentPage') },
];
/** Patients and proxies. */
export const smartPatientRoutes: RouteObject[] = [
  { path: 'connected-apps', ...lazyPage(() => import('./ConnectedAppsPage'), 'ConnectedAppsPage') },
];
/** Admins. */
export const smartAdminRoutes: RouteObject[] = [
  { path: 'admin/smart-apps', ...lazyPage(() => import('./AppsAdminPage'), 'AppsAdminPage') },
];
