import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  AppointmentRequest,
  AppointmentRequestBody,
  ClinicianDetail,
  DirectoryFacets,
  DirectoryQuery,
  DirectoryResult,
  SlotList,
} from '@portico/contracts';
import type { QueryValue } from '../../app/api';
import { useApi } from '../../app/session/context';
import { PAGE_SIZE } from './searchParams';

export const directoryKeys = {
  facets: ['directory', 'facets'] as const,
  search: (query: DirectoryQuery) => ['directory', 'search', query] as const,
  clinician: (id: string) => ['directory', 'clinician', id] as const,
  slots: (id: string, visitTypeId: string, from: string, days: number) =>
    ['directory', 'slots', id, visitTypeId, from, days] as const,
};

/** Filter choices (service lines, areas, organizations, languages, states) with counts. */
export function useFacets() {
  const api = useApi();
  return useQuery({
    queryKey: directoryKeys.facets,
    queryFn: () => api.get<DirectoryFacets>('/api/directory/facets'),
    staleTime: 10 * 60_000,
  });
}

function toQueryValues(query: DirectoryQuery): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else if (typeof value === 'boolean') out[key] = value ? 'true' : undefined;
  }
  return out;
}

/** One page of "Find a Virtual Visit Doctor" results; the previous page stays on screen while the next loads. */
export function useDirectorySearch(query: DirectoryQuery) {
  const api = useApi();
  return useQuery({
    queryKey: directoryKeys.search(query),
    queryFn: () =>
      api.get<DirectoryResult>('/api/directory/clinicians', { ...toQueryValues(query), pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useClinician(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: directoryKeys.clinician(id),
    queryFn: () => api.get<ClinicianDetail>(`/api/directory/clinicians/${encodeURIComponent(id)}`),
    enabled: id !== '',
    staleTime: 60_000,
  });
}

/** Open times for one visit type over `days` days from `from` (YYYY-MM-DD, clinic calendar). */
export function useSlots(clinicianId: string, visitTypeId: string, from: string, days: number) {
  const api = useApi();
  return useQuery({
    queryKey: directoryKeys.slots(clinicianId, visitTypeId, from, days),
    queryFn: () =>
      api.get<SlotList>(`/api/directory/clinicians/${encodeURIComponent(clinicianId)}/slots`, {
        visitTypeId,
        from,
        days,
      }),
    enabled: clinicianId !== '' && visitTypeId !== '',
    // Slots go quickly: look again whenever the person comes back to the page.
    staleTime: 0,
  });
}

export function useRequestAppointment() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: AppointmentRequestBody) => api.post<AppointmentRequest>('/api/appointment-requests', body),
  });
}
