import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies (inside RequireAuth for those roles and the "medications" area). */
export const medicationRoutes: RouteObject[] = [
  { path: 'medications', ...lazyPage(() => import('./MedicationsPage'), 'MedicationsPage') },
  { path: 'medications/pharmacies', ...lazyPage(() => import('./PharmaciesPage'), 'PharmaciesPage') },
  { path: 'medications/:id/refill', ...lazyPage(() => import('./RefillRequestPage'), 'RefillRequestPage') },
];

/** Clinicians, staff and admins of an organization. */
export const refillQueueRoutes: RouteObject[] = [
  { path: 'refills', ...lazyPage(() => import('./RefillQueuePage'), 'RefillQueuePage') },
];
