import { useEffect } from 'react';
import type { SessionState } from '@portico/contracts';
import { useApi, useSessionStore } from './context';

const CHECK_EVERY_MS = 30_000;
const SYNC_AT_MOST_EVERY_MS = 2 * 60_000;

/**
 * Keeps the local idle deadline in step with the server: after API activity it re-reads the
 * session every couple of minutes. Without activity nothing is sent, so the server's idle
 * timeout keeps running.
 */
export function useSessionSync(enabled: boolean): void {
  const api = useApi();
  const store = useSessionStore();

  useEffect(() => {
    if (!enabled) return;
    const sync = () => {
      api.get<SessionState>('/api/auth/session').then(
        (state) => store.set(state.session),
        () => undefined,
      );
    };
    const timer = window.setInterval(() => {
      if (store.needsSync(SYNC_AT_MOST_EVERY_MS)) sync();
    }, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [enabled, api, store]);
}
