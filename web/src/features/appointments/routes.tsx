import type { RouteObject } from 'react-router';
import { AppointmentPage } from './AppointmentPage';
import { AppointmentsPage } from './AppointmentsPage';
import { BookPage } from './BookPage';

/** Pages for patients and proxies (inside RequireAuth for those roles). */
export const appointmentRoutes: RouteObject[] = [
  { path: 'appointments', element: <AppointmentsPage /> },
  { path: 'appointments/book', element: <BookPage /> },
  { path: 'appointments/:id', element: <AppointmentPage /> },
];
