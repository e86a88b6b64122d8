import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  HoursKind,
  OpeningHours,
  Registration,
  RegistrationBody,
  RegistrationList,
  RegistrationResult,
  SupportRequest,
  SupportRequestBody,
  SupportRequestList,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';
import { useIdempotencyKeys, withKey } from '../appointments';

export const registrationKeys = {
  hours: (orgId: string, kind: HoursKind) => ['hours', orgId, kind] as const,
  queue: ['registrations', 'queue'] as const,
  one: (id: string) => ['registrations', id] as const,
  support: ['support-requests'] as const,
};

export function useOpeningHours(orgId: string | undefined, kind: HoursKind) {
  const api = useApi();
  return useQuery({
    queryKey: registrationKeys.hours(orgId ?? '', kind),
    queryFn: () => api.get<OpeningHours>(`/api/organizations/${encodeURIComponent(orgId ?? '')}/hours`, { kind }),
    enabled: Boolean(orgId),
    // "Open now" goes stale: refresh it every few minutes while the page is open.
    refetchInterval: 5 * 60_000,
  });
}

export function useRegister() {
  const api = useApi();
  const keys = useIdempotencyKeys();
  return useMutation({
    mutationFn: (body: RegistrationBody) =>
      keys.send(body, (key) => api.post<RegistrationResult>('/api/registrations', body, withKey(key))),
  });
}

export function useRegistrationQueue() {
  const api = useApi();
  return useQuery({
    queryKey: registrationKeys.queue,
    queryFn: () => api.get<RegistrationList>('/api/registrations', { status: 'possible_duplicate' }),
  });
}

export function useRegistration(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: registrationKeys.one(id),
    queryFn: () => api.get<Registration>(`/api/registrations/${encodeURIComponent(id)}`),
  });
}

export function useDecideRegistration(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (d: { kind: 'confirm' } | { kind: 'merge'; patientId: string }) =>
      d.kind === 'confirm'
        ? api.post<Registration>(`/api/registrations/${encodeURIComponent(id)}/confirm`)
        : api.post<Registration>(`/api/registrations/${encodeURIComponent(id)}/merge`, { patientId: d.patientId }),
    onSuccess: (reg) => {
      client.setQueryData(registrationKeys.one(id), reg);
      void client.invalidateQueries({ queryKey: registrationKeys.queue });
    },
  });
}

export function useSupportRequests(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: registrationKeys.support,
    queryFn: () => api.get<SupportRequestList>('/api/support-requests'),
    enabled,
  });
}

export function useOpenSupportRequest() {
  const api = useApi();
  const client = useQueryClient();
  const keys = useIdempotencyKeys();
  return useMutation({
    mutationFn: (body: SupportRequestBody) =>
      keys.send(body, (key) => api.post<SupportRequest>('/api/support-requests', body, withKey(key))),
    onSuccess: () => void client.invalidateQueries({ queryKey: registrationKeys.support }),
  });
}
