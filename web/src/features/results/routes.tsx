import type { RouteObject } from 'react-router';
import { CareReportPage } from './CareReportPage';
import { EnterResultPage } from './EnterResultPage';
import { ImportBundlePage } from './ImportBundlePage';
import { PatientResultsPage } from './PatientResultsPage';
import { ReleaseSettingsPage } from './ReleaseSettingsPage';
import { ReportPage } from './ReportPage';
import { ResultsPage } from './ResultsPage';
import { TrendPage } from './TrendPage';
import { VitalPage } from './VitalPage';

/** Patients and proxies (inside RequireAuth for those roles and the "results" area). */
export const resultRoutes: RouteObject[] = [
  { path: 'results', element: <ResultsPage /> },
  { path: 'results/trends/:code', element: <TrendPage /> },
  { path: 'results/vitals/:kind', element: <VitalPage /> },
  { path: 'results/:id', element: <ReportPage /> },
];

/** Clinicians, staff and admins, for one patient of their organization. */
export const careTeamResultRoutes: RouteObject[] = [
  { path: 'patients/:id/results', element: <PatientResultsPage /> },
  { path: 'patients/:id/results/new', element: <EnterResultPage /> },
  { path: 'patients/:id/results/import', element: <ImportBundlePage /> },
  { path: 'patients/:id/results/trends/:code', element: <TrendPage /> },
  { path: 'patients/:id/results/:reportId', element: <CareReportPage /> },
];

/** Admins. */
export const resultAdminRoutes: RouteObject[] = [{ path: 'admin/result-release', element: <ReleaseSettingsPage /> }];
