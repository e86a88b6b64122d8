import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies: who can see my record, and the records I can open. */
export const sharingRoutes: RouteObject[] = [
  { path: 'sharing', ...lazyPage(() => import('./SharingPage'), 'SharingPage') },
];
