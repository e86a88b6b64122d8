import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MfaPolicy, MfaPolicyBody, MfaPolicyList } from '@portico/contracts';
import { useApi } from '../../app/session/context';

const KEY = ['admin', 'mfa-policy'] as const;

/** The second-factor policies of the organizations this administrator administers. */
export function useMfaPolicies() {
  const api = useApi();
  return useQuery({
    queryKey: KEY,
    queryFn: async () => (await api.get<MfaPolicyList>('/api/admin/mfa-policy')).organizations,
  });
}

export function useSaveMfaPolicy() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ organizationId, body }: { organizationId: string; body: MfaPolicyBody }) =>
      api.put<MfaPolicy>(`/api/admin/organizations/${encodeURIComponent(organizationId)}/mfa-policy`, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}
