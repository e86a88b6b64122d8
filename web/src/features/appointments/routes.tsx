import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Pages for patients and proxies (inside RequireAuth for those roles). */
export const appointmentRoutes: RouteObject[] = [
  { path: 'appointments', ...lazyPage(() => import('./AppointmentsPage'), 'AppointmentsPage') },
  { path: 'appointments/book', ...lazyPage(() => import('./BookPage'), 'BookPage') },
  { path: 'appointments/:id', ...lazyPage(() => import('./AppointmentPage'), 'AppointmentPage') },
];
