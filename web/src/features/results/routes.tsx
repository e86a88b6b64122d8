import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies (inside RequireAuth for those roles and the "results" area). */
export const resultRoutes: RouteObject[] = [
  { path: 'results', ...lazyPage(() => import('./ResultsPage'), 'ResultsPage') },
  { path: 'results/trends/:code', ...lazyPage(() => import('./TrendPage'), 'TrendPage') },
  { path: 'results/:id', ...lazyPage(() => import('./ReportPage'), 'ReportPage') },
];

/** Clinicians, staff and admins, for one patient of their organization. */
export const careTeamResultRoutes: RouteObject[] = [
  { path: 'patients/:id/results', ...lazyPage(() => import('./PatientResultsPage'), 'PatientResultsPage') },
  { path: 'patients/:id/results/new', ...lazyPage(() => import('./EnterResultPage'), 'EnterResultPage') },
  { path: 'patients/:id/results/import', ...lazyPage(() => import('./ImportBundlePage'), 'ImportBundlePage') },
  { path: 'patients/:id/results/trends/:code', ...lazyPage(() => import('./TrendPage'), 'TrendPage') },
  { path: 'patients/:id/results/:reportId', ...lazyPage(() => import('./CareReportPage'), 'CareReportPage') },
];

/** Admins. */
export const resultAdminRoutes: RouteObject[] = [
  { path: 'admin/result-release', ...lazyPage(() => import('./ReleaseSettingsPage'), 'ReleaseSettingsPage') },
];
