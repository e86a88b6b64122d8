import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useApi, useSessionStore } from './context';

/** Ends the session on the server (best effort) and here, then shows the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const api = useApi();
  const store = useSessionStore();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout');
    } catch {
      // The session is gone either way; nothing more to tell the person.
    }
    store.end('signedOut');
    void navigate('/signin', { replace: true });
  }, [api, store, navigate]);
}
