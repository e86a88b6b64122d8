import { useCallback } from 'react';
import type { SignedOut } from '@portico/contracts';
import { useNavigate } from 'react-router';
import { useApi, useSessionStore } from './context';

/**
 * Ends the session on the server (best effort) and here, then shows the sign-in page — or, for a
 * session that began at the hospital's sign-in (SSO), that provider's sign-out page, which comes
 * back to ours.
 */
export function useSignOut(): () => Promise<void> {
  const api = useApi();
  const store = useSessionStore();
  const navigate = useNavigate();
  return useCallback(async () => {
    let redirectUrl: string | null = null;
    try {
      redirectUrl = (await api.post<SignedOut>('/api/auth/sso/logout')).redirectUrl;
    } catch {
      // The session is gone either way; nothing more to tell the person.
    }
    store.end('signedOut');
    if (redirectUrl) window.location.assign(redirectUrl);
    else void navigate('/signin', { replace: true });
  }, [api, store, navigate]);
}
