import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MfaPolicy, MfaPolicyBody, MfaPolicyList, MfaStatus, SessionState } from '@portico/contracts';
import { useApi, useSessionStore } from '../../app/session/context';

const KEY = ['admin', 'mfa-policy'] as const;

/** The second-factor policies of the organizations this administrator administers. */
export function useMfaPolicies() {
  const api = useApi();
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await api.get<MfaPolicyList>('/api/admin/mfa-policy')).organizations,
  });
}

/** Whether the signed-in person has a second factor of their own (the policy may be about to ask them). */
export function useOwnFactor() {
  const api = useApi();
  return useQuery({
    queryKey: ['mfa', 'status'],
    queryFn: () => api.get<MfaStatus>('/api/auth/mfa'),
    select: (s) => s.totp || s.passkeys > 0,
  });
}

export function useSaveMfaPolicy() {
  const api = useApi();
  const store = useSessionStore();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ organizationId, body }: { organizationId: string; body: MfaPolicyBody }) =>
      api.put<MfaPolicy>(`/api/admin/organizations/${encodeURIComponent(organizationId)}/mfa-policy`, body),
    onSuccess: async () => {
      // The new policy may now hold this very session back: the session says so, and the app
      // takes the person to Sign-in security.
      store.set((await api.get<SessionState>('/api/auth/session')).session);
      await client.invalidateQueries({ queryKey: KEY });
    },
  });
}
