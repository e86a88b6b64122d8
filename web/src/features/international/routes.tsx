import type { RouteObject } from 'react-router';
import { InternationalPage } from './InternationalPage';
import { QueuePage } from './QueuePage';

/** Patients and proxies. */
export const internationalRoutes: RouteObject[] = [{ path: 'international', element: <InternationalPage /> }];

/** Staff and admins. */
export const internationalStaffRoutes: RouteObject[] = [{ path: 'international/queue', element: <QueuePage /> }];
