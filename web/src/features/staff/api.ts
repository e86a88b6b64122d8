import { useQuery } from '@tanstack/react-query';
import type { PatientList } from '@portico/contracts';
import { queryKeys } from '../../app/queries';
import { useApi } from '../../app/session/context';

export const SEARCH_LIMIT = 25;

export function usePatientSearch(q: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.patientSearch(q),
    queryFn: async () => (await api.get<PatientList>('/api/patients', { q, limit: SEARCH_LIMIT })).patients,
    enabled: q !== '',
  });
}
