import type { RouteObject } from 'react-router';
import { SharingPage } from './SharingPage';

/** Patients and proxies: who can see my record, and the records I can open. */
export const sharingRoutes: RouteObject[] = [{ path: 'sharing', element: <SharingPage /> }];
