import type { RouteObject } from 'react-router';
import { DeviceCheckPage } from './DeviceCheckPage';

/** Public: anyone can test their camera, microphone, speakers and connection before a visit. */
export const deviceCheckRoutes: RouteObject[] = [{ path: 'device-check', element: <DeviceCheckPage /> }];
