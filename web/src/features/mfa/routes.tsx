import type { RouteObject } from 'react-router';
import { SecondStepPage } from './SecondStepPage';
import { SignInSecurityPage } from './SignInSecurityPage';

/** The second step of signing in (with the other sign-in pages, signed out). */
export const mfaPublicRoutes: RouteObject[] = [{ path: 'signin/verify', element: <SecondStepPage /> }];

/** Account › Sign-in security (signed in, any role). */
export const mfaAccountRoutes: RouteObject[] = [{ path: 'account/security', element: <SignInSecurityPage /> }];
