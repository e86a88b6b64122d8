import { useQuery } from '@tanstack/react-query';
import type { Organization, OrganizationList, Patient } from '@portico/contracts';
import { useApi } from './session/context';

/** Shared reads used by several features (organizations are public; patients need a session). */
export const queryKeys = {
  organizations: ['organizations'] as const,
  patient: (id: string) => ['patients', id] as const,
  patientSearch: (q: string) => ['patients', 'search', q] as const,
};

export function useOrganizations() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.organizations,
    queryFn: async () => (await api.get<OrganizationList>('/api/organizations')).organizations,
    staleTime: 60 * 60_000,
  });
}

export function useOrganization(id: string | null | undefined): Organization | undefined {
  const { data } = useOrganizations();
  return data?.find((org) => org.id === id);
}

export function usePatient(id: string | null | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.patient(id ?? ''),
    queryFn: () => api.get<Patient>(`/api/patients/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}
