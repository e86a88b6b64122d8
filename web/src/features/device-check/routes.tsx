import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Public: anyone can test their camera, microphone, speakers and connection before a visit. */
export const deviceCheckRoutes: RouteObject[] = [
  { path: 'device-check', ...lazyPage(() => import('./DeviceCheckPage'), 'DeviceCheckPage') },
];
