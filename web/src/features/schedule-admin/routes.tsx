import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';
import './schedule-admin.css';

/** Pages for the care team: clinicians, staff and admins (inside RequireAuth for CARE_TEAM_ROLES). */
export const scheduleCareTeamRoutes: RouteObject[] = [
  { path: 'schedule', ...lazyPage(() => import('./day/SchedulePage'), 'SchedulePage') },
  { path: 'schedule/requests', ...lazyPage(() => import('./requests/RequestsPage'), 'RequestsPage') },
];
/** Pages for staff and admins who manage clinicians, schedules and settings. */
export const scheduleManageRoutes: RouteObject[] = [
  { path: 'admin/clinicians', ...lazyPage(() => import('./clinicians/CliniciansPage'), 'CliniciansPage') },
  { path: 'admin/clinicians/new', ...lazyPage(() => import('./clinicians/ClinicianNewPage'), 'ClinicianNewPage') },
  { path: 'admin/clinicians/:id', ...lazyPage(() => import('./clinicians/ClinicianEditPage'), 'ClinicianEditPage') },
  { path: 'admin/clinical-areas', ...lazyPage(() => import('./areas/ClinicalAreasPage'), 'ClinicalAreasPage') },
  {
    path: 'admin/scheduling-settings',
    ...lazyPage(() => import('./settings/SchedulingSettingsPage'), 'SchedulingSettingsPage'),
  },
];
