import type { RouteObject } from 'react-router';
import { MedicationsPage } from './MedicationsPage';
import { PharmaciesPage } from './PharmaciesPage';
import { RefillQueuePage } from './RefillQueuePage';
import { RefillRequestPage } from './RefillRequestPage';

/** Patients and proxies (inside RequireAuth for those roles and the "medications" area). */
export const medicationRoutes: RouteObject[] = [
  { path: 'medications', element: <MedicationsPage /> },
  { path: 'medications/pharmacies', element: <PharmaciesPage /> },
  { path: 'medications/:id/refill', element: <RefillRequestPage /> },
];

/** Clinicians, staff and admins of an organization. */
export const refillQueueRoutes: RouteObject[] = [{ path: 'refills', element: <RefillQueuePage /> }];
