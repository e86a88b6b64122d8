import type { QueryClient } from '@tanstack/react-query';
import type { SessionStore } from './store';

/**
 * Never let one person's cached records show to the next person on a shared device: when the
 * signed-in user changes or signs out, drop every cached query (public organizations aside).
 * Runs inside the store's own notification, before React renders the new state, so no page
 * is left watching a query that was removed under it.
 */
export function forgetDataOnUserChange(store: SessionStore, queryClient: QueryClient): () => void {
  let current = store.getSnapshot().session?.user.id ?? null;
  return store.subscribe(() => {
    const next = store.getSnapshot().session?.user.id ?? null;
    if (next === current) return;
    const previous = current;
    current = next;
    if (previous !== null) {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'organizations' });
    }
  });
}
