import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies (inside RequireAuth for those roles and the "billing" area). */
export const billingRoutes: RouteObject[] = [
  { path: 'billing', ...lazyPage(() => import('./BillingPage'), 'BillingPage') },
  { path: 'billing/pay', ...lazyPage(() => import('./PayPage'), 'PayPage') },
];

/** Staff and admins: the billing office. */
export const billingOfficeRoutes: RouteObject[] = [
  { path: 'billing/disputes', ...lazyPage(() => import('./DisputeQueuePage'), 'DisputeQueuePage') },
  { path: 'patients/:id/billing', ...lazyPage(() => import('./office/OfficePage'), 'OfficePage') },
];
