import type { RouteObject } from 'react-router';
import './schedule-admin.css';
import { ClinicalAreasPage } from './areas/ClinicalAreasPage';
import { ClinicianEditPage } from './clinicians/ClinicianEditPage';
import { ClinicianNewPage } from './clinicians/ClinicianNewPage';
import { CliniciansPage } from './clinicians/CliniciansPage';
import { SchedulePage } from './day/SchedulePage';
import { RequestsPage } from './requests/RequestsPage';
import { SchedulingSettingsPage } from './settings/SchedulingSettingsPage';

/** Pages for the care team: clinicians, staff and admins (inside RequireAuth for CARE_TEAM_ROLES). */
export const scheduleCareTeamRoutes: RouteObject[] = [
  { path: 'schedule', element: <SchedulePage /> },
  { path: 'schedule/requests', element: <RequestsPage /> },
];
/** Pages for staff and admins who manage clinicians, schedules and settings. */
export const scheduleManageRoutes: RouteObject[] = [
  { path: 'admin/clinicians', element: <CliniciansPage /> },
  { path: 'admin/clinicians/new', element: <ClinicianNewPage /> },
  { path: 'admin/clinicians/:id', element: <ClinicianEditPage /> },
  { path: 'admin/clinical-areas', element: <ClinicalAreasPage /> },
  { path: 'admin/scheduling-settings', element: <SchedulingSettingsPage /> },
];
