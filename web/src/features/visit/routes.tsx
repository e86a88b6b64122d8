import type { RouteObject } from 'react-router';
import { GuestJoinPage } from './guest/GuestJoinPage';
import { CareTeamCallPage } from './host/CareTeamCallPage';
import { PatientVisitPage } from './patient/PatientVisitPage';
import { QueuePage } from './queue/QueuePage';

/** Public: a guest or interpreter opens their invitation link (no account). */
export const visitPublicRoutes: RouteObject[] = [{ path: 'visit/join', element: <GuestJoinPage /> }];
/** Patients and proxies: check-in, waiting room and the call. */
export const visitPatientRoutes: RouteObject[] = [{ path: 'visits/:appointmentId', element: <PatientVisitPage /> }];
/** Clinicians, staff and admins: today's visits with live state, and the call. */
export const visitCareTeamRoutes: RouteObject[] = [
  { path: 'visits', element: <QueuePage /> },
  { path: 'visits/:appointmentId/call', element: <CareTeamCallPage /> },
];
