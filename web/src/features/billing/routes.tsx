import type { RouteObject } from 'react-router';
import { BillingPage } from './BillingPage';
import { DisputeQueuePage } from './DisputeQueuePage';
import { OfficePage } from './office/OfficePage';
import { PayPage } from './PayPage';

/** Patients and proxies (inside RequireAuth for those roles and the "billing" area). */
export const billingRoutes: RouteObject[] = [
  { path: 'billing', element: <BillingPage /> },
  { path: 'billing/pay', element: <PayPage /> },
];

/** Staff and admins: the billing office. */
export const billingOfficeRoutes: RouteObject[] = [
  { path: 'billing/disputes', element: <DisputeQueuePage /> },
  { path: 'patients/:id/billing', element: <OfficePage /> },
];
