import type { RouteObject } from 'react-router';
import { NewOpinionPage, OpinionListPage, OpinionRequestPage } from './PatientPages';
import { PhysicianUploadPage } from './PhysicianUploadPage';
import { OpinionQueuePage, OpinionReviewPage } from './StaffPages';

/** Patients and proxies. */
export const opinionPatientRoutes: RouteObject[] = [
  { path: 'second-opinions', element: <OpinionListPage /> },
  { path: 'second-opinions/new', element: <NewOpinionPage /> },
  { path: 'second-opinions/:id', element: <OpinionRequestPage /> },
];

/** Clinicians, staff and admins of the organization. */
export const opinionCareTeamRoutes: RouteObject[] = [
  { path: 'second-opinions/queue', element: <OpinionQueuePage /> },
  { path: 'second-opinions/queue/:id', element: <OpinionReviewPage /> },
];

/** A referring physician's upload link: no sign-in, the token is in the URL fragment. */
export const opinionPublicRoutes: RouteObject[] = [
  { path: 'second-opinions/:id/physician-upload', element: <PhysicianUploadPage /> },
];
