import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './layout/Layout';
import { PublicOnly, RequireAuth } from './session/guards';
import { ADMIN_ROLES, CARE_TEAM_ROLES, PATIENT_ROLES, REGISTRAR_ROLES, USER_ADMIN_ROLES } from './session/roles';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import {
  SignInPage,
  EnrollChoicePage,
  ActivatePage,
  SignupPage,
  CheckEmailPage,
  VerifyEmailPage,
  ForgotPasswordPage,
  SignInLinkPage,
  ResetPasswordPage,
} from '../features/auth';
import { HomePage } from '../features/home';
import { AccountPage } from '../features/account';
import { PatientSearchPage, PatientPage } from '../features/staff';
import { UsersPage, OutboxPage, OutboxMessagePage, AuditPage, SearchWordsPage } from '../features/admin';
import { findDoctorPublicRoutes } from '../features/find-doctor/routes';
import { deviceCheckRoutes } from '../features/device-check/routes';
import { visitCareTeamRoutes, visitPatientRoutes, visitPublicRoutes } from '../features/visit/routes';
import { appointmentRoutes } from '../features/appointments/routes';
import { scheduleCareTeamRoutes, scheduleManageRoutes } from '../features/schedule-admin/routes';
import { inboxRoutes, messageRoutes } from '../features/messages/routes';
import { RequireArea } from '../features/sharing';
import { sharingRoutes } from '../features/sharing/routes';
import { billingOfficeRoutes, billingRoutes } from '../features/billing/routes';
import { billingRuleRoutes } from '../features/billing-rules/routes';
import {
  internationalPublicRoutes,
  internationalRoutes,
  internationalStaffRoutes,
} from '../features/international/routes';
import { careTeamResultRoutes, resultAdminRoutes, resultRoutes } from '../features/results/routes';
import { insurancePlanRoutes, profileRoutes } from '../features/profile/routes';
import { medicationRoutes, refillQueueRoutes } from '../features/medications/routes';
import { opinionCareTeamRoutes, opinionPatientRoutes, opinionPublicRoutes } from '../features/opinions/routes';
import { smartAdminRoutes, smartConsentRoutes, smartPatientRoutes } from '../features/smart/routes';
import { registrarRoutes, registrationPublicRoutes, supportQueueRoutes } from '../features/registration/routes';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicOnly />,
        children: [
          { path: 'signin', element: <SignInPage /> },
          { path: 'signin/link', element: <SignInLinkPage /> },
          { path: 'enroll', element: <EnrollChoicePage /> },
          { path: 'enroll/code', element: <ActivatePage /> },
          { path: 'enroll/signup', element: <SignupPage /> },
          { path: 'enroll/check-email', element: <CheckEmailPage /> },
          { path: 'forgot-password', element: <ForgotPasswordPage /> },
        ],
      },
      // Reachable signed in or not: they come from links in emails.
      { path: 'verify-email', element: <VerifyEmailPage /> },
      { path: 'reset-password', element: <ResetPasswordPage /> },
      ...findDoctorPublicRoutes,
      ...deviceCheckRoutes,
      ...registrationPublicRoutes,
      ...visitPublicRoutes,
      ...opinionPublicRoutes,
      ...internationalPublicRoutes,
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'account', element: <AccountPage /> },
          ...smartConsentRoutes,
          {
            element: <RequireAuth roles={CARE_TEAM_ROLES} />,
            children: [
              { path: 'patients', element: <PatientSearchPage /> },
              { path: 'patients/:id', element: <PatientPage /> },
              ...scheduleCareTeamRoutes,
              ...visitCareTeamRoutes,
              ...inboxRoutes,
              ...careTeamResultRoutes,
              ...refillQueueRoutes,
              ...opinionCareTeamRoutes,
              ...supportQueueRoutes,
            ],
          },
          {
            element: <RequireAuth roles={PATIENT_ROLES} />,
            // A proxy whose access lacks a part of the record is told so, not shown an error.
            children: [
              { element: <RequireArea area="appointments" />, children: [...appointmentRoutes, ...visitPatientRoutes] },
              { element: <RequireArea area="messages" />, children: messageRoutes },
              { element: <RequireArea area="results" />, children: resultRoutes },
              { element: <RequireArea area="profile" />, children: profileRoutes },
              { element: <RequireArea area="medications" />, children: medicationRoutes },
              { element: <RequireArea area="billing" />, children: billingRoutes },
              { element: <RequireArea area="appointments" />, children: opinionPatientRoutes },
              { element: <RequireArea area="messages" />, children: internationalRoutes },
              ...sharingRoutes,
              ...smartPatientRoutes,
            ],
          },
          { element: <RequireAuth roles={REGISTRAR_ROLES} />, children: scheduleManageRoutes },
          { element: <RequireAuth roles={REGISTRAR_ROLES} />, children: billingOfficeRoutes },
          { element: <RequireAuth roles={REGISTRAR_ROLES} />, children: internationalStaffRoutes },
          { element: <RequireAuth roles={REGISTRAR_ROLES} />, children: insurancePlanRoutes },
          {
            element: <RequireAuth roles={REGISTRAR_ROLES} />,
            children: registrarRoutes,
          },
          {
            element: <RequireAuth roles={USER_ADMIN_ROLES} />,
            children: [{ path: 'admin/users', element: <UsersPage /> }],
          },
          {
            element: <RequireAuth roles={ADMIN_ROLES} />,
            children: [
              { path: 'admin/outbox', element: <OutboxPage /> },
              { path: 'admin/outbox/:id', element: <OutboxMessagePage /> },
              { path: 'admin/audit', element: <AuditPage /> },
              { path: 'admin/search-words', element: <SearchWordsPage /> },
              ...resultAdminRoutes,
              ...billingRuleRoutes,
              ...smartAdminRoutes,
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
