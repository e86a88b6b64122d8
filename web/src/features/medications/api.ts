import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Medication,
  MedicationList,
  NewRefillBody,
  Pharmacy,
  PharmacyBody,
  PharmacyList,
  RefillDecisionBody,
  RefillQueue,
  RefillQueueItem,
  RefillRequest,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';
import { useIdempotencyKeys, withKey } from '../appointments';

const enc = encodeURIComponent;

export const medicationKeys = {
  all: ['medications'] as const,
  list: ['medications', 'list'] as const,
  one: (id: string) => ['medications', 'one', id] as const,
  pharmacies: ['medications', 'pharmacies'] as const,
  queue: ['medications', 'refill-queue'] as const,
};

/** The open record's medications, refill requests and the office phone. */
export function useMedications() {
  const api = useApi();
  return useQuery({ queryKey: medicationKeys.list, queryFn: () => api.get<MedicationList>('/api/medications') });
}

export function useMedication(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: medicationKeys.one(id),
    queryFn: () => api.get<Medication>(`/api/medications/${enc(id)}`),
  });
}

export function usePharmacies() {
  const api = useApi();
  return useQuery({
    queryKey: medicationKeys.pharmacies,
    queryFn: async () => (await api.get<PharmacyList>('/api/pharmacies')).pharmacies,
  });
}

/** After any change the list, the medication and the pharmacies may all be out of date. */
function useRefresh() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: medicationKeys.all });
}

export function useRequestRefill(medicationId: string) {
  const api = useApi();
  const refresh = useRefresh();
  const keys = useIdempotencyKeys();
  return useMutation({
    mutationFn: (body: NewRefillBody) =>
      keys.send(body, (key) =>
        api.post<RefillRequest>(`/api/medications/${enc(medicationId)}/refill-requests`, body, withKey(key)),
      ),
    onSuccess: refresh,
  });
}

export function useWithdrawRefill() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.post<RefillRequest>(`/api/refill-requests/${enc(id)}/cancel`),
    onSuccess: refresh,
  });
}

/** Adds a pharmacy, or with `id` changes one. */
export function useSavePharmacy(id?: string) {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: PharmacyBody) =>
      id ? api.put<Pharmacy>(`/api/pharmacies/${enc(id)}`, body) : api.post<Pharmacy>('/api/pharmacies', body),
    onSuccess: refresh,
  });
}

export function useRemovePharmacy() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete<null>(`/api/pharmacies/${enc(id)}`),
    onSuccess: refresh,
  });
}

export function useRefillQueue() {
  const api = useApi();
  return useQuery({
    queryKey: medicationKeys.queue,
    queryFn: async () => (await api.get<RefillQueue>('/api/refill-queue')).requests,
  });
}

export function useDecideRefill(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RefillDecisionBody) =>
      api.post<RefillQueueItem>(`/api/refill-requests/${enc(id)}/decision`, body),
    onSettled: () => void client.invalidateQueries({ queryKey: medicationKeys.queue }),
  });
}
