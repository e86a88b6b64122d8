import type { RouteObject } from 'react-router';
import { AppsAdminPage } from './AppsAdminPage';
import { ConnectedAppsPage } from './ConnectedAppsPage';
import { ConsentPage } from './ConsentPage';

/** Signed in (any role; the page explains when a staff account cannot connect apps). */
export const smartConsentRoutes: RouteObject[] = [{ path: 'smart/authorize/:uid', element: <ConsentPage /> }];
/** Patients and proxies. */
export const smartPatientRoutes: RouteObject[] = [{ path: 'connected-apps', element: <ConnectedAppsPage /> }];
/** Admins. */
export const smartAdminRoutes: RouteObject[] = [{ path: 'admin/smart-apps', element: <AppsAdminPage /> }];
