import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** The second step of signing in (with the other sign-in pages, signed out). */
export const mfaPublicRoutes: RouteObject[] = [
  { path: 'signin/verify', ...lazyPage(() => import('./SecondStepPage'), 'SecondStepPage') },
];

/** Account › Sign-in security (signed in, any role). */
export const mfaAccountRoutes: RouteObject[] = [
  { path: 'account/security', ...lazyPage(() => import('./SignInSecurityPage'), 'SignInSecurityPage') },
];
