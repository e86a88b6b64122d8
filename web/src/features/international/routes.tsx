import type { RouteObject } from 'react-router';
import { DoctorCasePage } from './DoctorCasePage';
import { InternationalPage } from './InternationalPage';
import { QueuePage } from './QueuePage';

/** Patients and proxies. */
export const internationalRoutes: RouteObject[] = [{ path: 'international', element: <InternationalPage /> }];

/** Staff and admins. */
export const internationalStaffRoutes: RouteObject[] = [{ path: 'international/queue', element: <QueuePage /> }];

/** A home-country doctor's link: no sign-in, the token is in the URL fragment. */
export const internationalPublicRoutes: RouteObject[] = [
  { path: 'international/doctor/:id', element: <DoctorCasePage /> },
];
