import type { RouteObject } from 'react-router';
import { InboxPage } from './InboxPage';
import { InboxThreadPage } from './InboxThreadPage';
import { MessagesPage } from './MessagesPage';
import { NewMessagePage } from './NewMessagePage';
import { ThreadPage } from './ThreadPage';

/** Patients and proxies (inside RequireAuth for those roles and the "messages" area). */
export const messageRoutes: RouteObject[] = [
  { path: 'messages', element: <MessagesPage /> },
  { path: 'messages/new', element: <NewMessagePage /> },
  { path: 'messages/:id', element: <ThreadPage /> },
];

/** Clinicians, staff and admins. */
export const inboxRoutes: RouteObject[] = [
  { path: 'inbox', element: <InboxPage /> },
  { path: 'inbox/:id', element: <InboxThreadPage /> },
];
