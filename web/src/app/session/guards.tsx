import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@portico/contracts';
import { useSessionSnapshot } from './context';
import { NotAllowedPage } from '../NotAllowedPage';
import { nextFromSearch, safeReturnPath } from './returnPath';

/** Account › Sign-in security, where a second factor is set up. */
export const MFA_SETUP_PATH = '/account/security';

/** Router state the sign-in page understands. */
export interface SignInState {
  /** Where to go back to after signing in. */
  from?: string;
  /** A one-off message such as "password changed". */
  notice?: 'passwordReset';
}

export function readSignInState(state: unknown): SignInState {
  if (typeof state !== 'object' || state === null) return {};
  const out: SignInState = {};
  const from = 'from' in state ? safeReturnPath(state.from) : undefined;
  if (from) out.from = from;
  if ('notice' in state && state.notice === 'passwordReset') out.notice = 'passwordReset';
  return out;
}

interface RequireAuthProps {
  roles?: readonly Role[];
  children?: ReactNode;
}

/** Pages behind sign-in; optionally only for some roles. */
export function RequireAuth({ roles, children }: RequireAuthProps) {
  const { session, endReason } = useSessionSnapshot();
  const location = useLocation();
  if (!session) {
    // After signing out on purpose, the next person should start at home, not on our page.
    const state: SignInState = endReason === 'signedOut' ? {} : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/signin" replace state={state} />;
  }
  // The policy asks for a second factor first: nothing else opens until it is set up (issue 13).
  if (session.mfaEnrollmentRequired && location.pathname !== MFA_SETUP_PATH) {
    return <Navigate to={MFA_SETUP_PATH} replace />;
  }
  if (roles && !roles.includes(session.user.role)) return <NotAllowedPage />;
  return children ?? <Outlet />;
}

/**
 * Sign-in and enrolment pages: someone already signed in goes on to where they were headed
 * (router state from RequireAuth, else a same-origin `?next=` path from a link such as
 * "sign in to book this time").
 */
export function PublicOnly() {
  const { session } = useSessionSnapshot();
  const location = useLocation();
  if (session) {
    const to = readSignInState(location.state).from ?? nextFromSearch(location.search) ?? '/';
    return <Navigate to={to} replace />;
  }
  return <Outlet />;
}
