import type { RouteObject } from 'react-router';
import { lazyPage } from '../../app/lazyPage';

/** Patients and proxies (inside RequireAuth for those roles and the "messages" area). */
export const messageRoutes: RouteObject[] = [
  { path: 'messages', ...lazyPage(() => import('./MessagesPage'), 'MessagesPage') },
  { path: 'messages/new', ...lazyPage(() => import('./NewMessagePage'), 'NewMessagePage') },
  { path: 'messages/:id', ...lazyPage(() => import('./ThreadPage'), 'ThreadPage') },
];

/** Clinicians, staff and admins. */
export const inboxRoutes: RouteObject[] = [
  { path: 'inbox', ...lazyPage(() => import('./InboxPage'), 'InboxPage') },
  { path: 'inbox/:id', ...lazyPage(() => import('./InboxThreadPage'), 'InboxThreadPage') },
];
