import { createBrowserRouter, type RouteObject } from 'react-router';
import { lazyPage } from './lazyPage';
import { Layout } from './layout/Layout';
import { PublicOnly, RequireAuth } from './session/guards';
import { ADMIN_ROLES, CARE_TEAM_ROLES, PATIENT_ROLES, REGISTRAR_ROLES, USER_ADMIN_ROLES } from './session/roles';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';
import { Loading } from './ui/Loading';
import { SignInPage } from '../features/auth/SignInPage';
import { HomePage } from '../features/home/HomePage';
import { findDoctorPublicRoutes } from '../features/find-doctor/routes';
import { deviceCheckRoutes } from '../features/device-check/routes';
import { visitCareTeamRoutes, visitPatientRoutes, visitPublicRoutes } from '../features/visit/routes';
import { appointmentRoutes } from '../features/appointments/routes';
import { scheduleCareTeamRoutes, scheduleManageRoutes } from '../features/schedule-admin/routes';
import { inboxRoutes, messageRoutes } from '../features/messages/routes';
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
import { RequireArea } from '../features/sharing';
import { opinionCareTeamRoutes, opinionPatientRoutes, opinionPublicRoutes } from '../features/opinions/routes';
import { smartAdminRoutes, smartConsentRoutes, smartPatientRoutes } from '../features/smart/routes';
import { mfaAccountRoutes, mfaPublicRoutes } from '../features/mfa/routes';
import { registrarRoutes, registrationPublicRoutes, supportQueueRoutes } from '../features/registration/routes';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    // Shown only while the first page's chunk arrives (a deep link to a lazily loaded page).
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <PublicOnly />,
        children: [
          { path: 'signin', element: <SignInPage /> },
          { path: 'signin/link', ...lazyPage(() => import('../features/auth/SignInLinkPage'), 'SignInLinkPage') },
          { path: 'enroll', ...lazyPage(() => import('../features/auth/EnrollChoicePage'), 'EnrollChoicePage') },
          { path: 'enroll/code', ...lazyPage(() => import('../features/auth/ActivatePage'), 'ActivatePage') },
          { path: 'enroll/signup', ...lazyPage(() => import('../features/auth/SignupPage'), 'SignupPage') },
          {
            path: 'enroll/check-email',
            ...lazyPage(() => import('../features/auth/CheckEmailPage'), 'CheckEmailPage'),
          },
          {
            path: 'forgot-password',
            ...lazyPage(() => import('../features/auth/ForgotPasswordPage'), 'ForgotPasswordPage'),
          },
          ...mfaPublicRoutes,
        ],
      },
      // Reachable signed in or not: they come from links in emails.
      { path: 'verify-email', ...lazyPage(() => import('../features/auth/VerifyEmailPage'), 'VerifyEmailPage') },
      { path: 'reset-password', ...lazyPage(() => import('../features/auth/ResetPasswordPage'), 'ResetPasswordPage') },
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
          { path: 'account', ...lazyPage(() => import('../features/account/AccountPage'), 'AccountPage') },
          ...mfaAccountRoutes,
          ...smartConsentRoutes,
          {
            element: <RequireAuth roles={CARE_TEAM_ROLES} />,
            children: [
              {
                path: 'patients',
                ...lazyPage(() => import('../features/staff/PatientSearchPage'), 'PatientSearchPage'),
              },
              { path: 'patients/:id', ...lazyPage(() => import('../features/staff/PatientPage'), 'PatientPage') },
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
            children: [{ path: 'admin/users', ...lazyPage(() => import('../features/admin/UsersPage'), 'UsersPage') }],
          },
          {
            element: <RequireAuth roles={ADMIN_ROLES} />,
            children: [
              { path: 'admin/outbox', ...lazyPage(() => import('../features/admin/OutboxPage'), 'OutboxPage') },
              {
                path: 'admin/outbox/:id',
                ...lazyPage(() => import('../features/admin/OutboxMessagePage'), 'OutboxMessagePage'),
              },
              { path: 'admin/audit', ...lazyPage(() => import('../features/admin/AuditPage'), 'AuditPage') },
              {
                path: 'admin/sign-in-policy',
                ...lazyPage(() => import('../features/admin/MfaPolicyPage'), 'MfaPolicyPage'),
              },
              {
                path: 'admin/search-words',
                ...lazyPage(() => import('../features/admin/SearchWordsPage'), 'SearchWordsPage'),
              },
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
