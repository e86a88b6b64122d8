import type { RouteObject } from 'react-router';
import { ClinicianPage } from './ClinicianPage';
import { FindDoctorPage } from './FindDoctorPage';

/** Public pages: anyone may look for a virtual-visit clinician without signing in. */
export const findDoctorPublicRoutes: RouteObject[] = [
  { path: 'find-a-doctor', element: <FindDoctorPage /> },
  { path: 'find-a-doctor/:id', element: <ClinicianPage /> },
];
