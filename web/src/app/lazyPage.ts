import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

/**
 * A route whose page is fetched, as a chunk of its own, the first time someone goes there, so a
 * patient's first load carries the sign-in and home pages and not every clinician, staff and
 * admin screen. The router waits for the chunk before it leaves the current page.
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load())[name] }) };
}
