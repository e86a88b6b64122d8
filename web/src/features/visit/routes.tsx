import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Public: a guest or interpreter opens their invitation link (no account). */
export const visitPublicRoutes: RouteObject[] = [
  { path: 'visit/join', ...lazyPage(() => import('./guest/GuestJoinPage'), 'GuestJoinPage') },
];
/** Patients and proxies: check-in, waiting room and the call. */
export const visitPatientRoutes: RouteObject[] = [
  { path: 'visits/:appointmentId', ...lazyPage(() => import('./patient/PatientVisitPage'), 'PatientVisitPage') },
];
/** Clinicians, staff and admins: today's visits with live state, and the call. */
export const visitCareTeamRoutes: RouteObject[] = [
  { path: 'visits', ...lazyPage(() => import('./queue/QueuePage'), 'QueuePage') },
  { path: 'visits/:appointmentId/call', ...lazyPage(() => import('./host/CareTeamCallPage'), 'CareTeamCallPage') },
];
