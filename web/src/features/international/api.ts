import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CardPaymentBody,
  Coordinator,
  DepositPayment,
  DoctorLink,
  DoctorLinkBody,
  EpisodeCharge,
  Estimate,
  EstimateBody,
  InternationalPatient,
  InternationalProfile,
  InternationalRequest,
  NewRequestBody,
  RefundDepositBody,
  RequestStatus,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';
import { useIdempotencyKeys, withKey } from '../appointments';

const KEY = ['international'] as const;

export function useIntlProfile(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'profile'],
    queryFn: () => api.get<InternationalProfile>('/api/international/profile'),
    enabled,
  });
}

export function useMyRequests() {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'requests'],
    queryFn: () => api.get<InternationalRequest[]>('/api/international/requests'),
  });
}

export function useMyEstimates() {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'estimates'],
    queryFn: () => api.get<Estimate[]>('/api/international/estimates'),
  });
}

export function useStaffPatients() {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'patients'],
    queryFn: () => api.get<InternationalPatient[]>('/api/international/patients'),
  });
}

export function useCoordinators() {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'coordinators'],
    queryFn: () => api.get<Coordinator[]>('/api/international/coordinators'),
  });
}

export function useQueue() {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'queue'],
    queryFn: () => api.get<InternationalRequest[]>('/api/international/queue'),
  });
}

export function usePatientEstimates(patientId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'patient-estimates', patientId],
    enabled: patientId !== null,
    queryFn: () => api.get<Estimate[]>(`/api/international/patients/${encodeURIComponent(patientId ?? '')}/estimates`),
  });
}

/** One request; for staff it carries the case's doctor links. */
export function useRequest(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'request', id],
    enabled,
    queryFn: () => api.get<InternationalRequest>(`/api/international/requests/${encodeURIComponent(id)}`),
  });
}

/** Staff: the charges of an estimate's episode of care, with what is still owed on each. */
export function useEpisodeCharges(estimateId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...KEY, 'charges', estimateId],
    enabled,
    queryFn: () => api.get<EpisodeCharge[]>(`/api/international/estimates/${encodeURIComponent(estimateId)}/charges`),
  });
}

/** Staff: doctor links and deposit money. Money moves carry an Idempotency-Key. */
export function useIntlStaffAction() {
  const api = useApi();
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: KEY });
  const post = <T>(path: string, body: unknown, key: string) =>
    api.post<T>(path, body, { headers: { 'idempotency-key': key } });
  return {
    createLink: useMutation({
      mutationFn: (v: { requestId: string; body: DoctorLinkBody }) =>
        api.post<DoctorLink>(`/api/international/requests/${v.requestId}/doctor-links`, v.body),
      onSuccess: done,
    }),
    revokeLink: useMutation({
      mutationFn: (v: { requestId: string; linkId: string }) =>
        api.delete<null>(`/api/international/requests/${v.requestId}/doctor-links/${v.linkId}`),
      onSuccess: done,
    }),
    apply: useMutation({
      mutationFn: (v: { id: string; chargeEntryId: string; amountCents: number; key: string }) =>
        post<Estimate>(
          `/api/international/estimates/${v.id}/deposit/apply`,
          { chargeEntryId: v.chargeEntryId, amountCents: v.amountCents },
          v.key,
        ),
      onSuccess: done,
    }),
    refund: useMutation({
      mutationFn: (v: { id: string; body: RefundDepositBody; key: string }) =>
        post<Estimate>(`/api/international/estimates/${v.id}/deposit/refund`, v.body, v.key),
      onSuccess: done,
    }),
  };
}

/** Every change here refreshes the center's lists: they are small. */
export function useIntlAction() {
  const api = useApi();
  const client = useQueryClient();
  const keys = useIdempotencyKeys();
  const done = () => void client.invalidateQueries({ queryKey: KEY });
  return {
    confirm: useMutation({
      mutationFn: (body: { country: string; preferredLanguage: string }) =>
        api.put<InternationalProfile>('/api/international/profile', body),
      onSuccess: done,
    }),
    create: useMutation({
      mutationFn: (body: NewRequestBody) =>
        keys.send(body, (key) => api.post<InternationalRequest>('/api/international/requests', body, withKey(key))),
      onSuccess: done,
    }),
    reply: useMutation({
      mutationFn: (v: { id: string; body: string; sharedWithDoctor?: boolean }) =>
        api.post<InternationalRequest>(`/api/international/requests/${v.id}/replies`, {
          body: v.body,
          ...(v.sharedWithDoctor ? { sharedWithDoctor: true } : {}),
        }),
      onSuccess: done,
    }),
    status: useMutation({
      mutationFn: (v: { id: string; status: RequestStatus }) =>
        api.put<InternationalRequest>(`/api/international/requests/${v.id}/status`, { status: v.status }),
      onSuccess: done,
    }),
    assign: useMutation({
      mutationFn: (v: { patientId: string; coordinatorUserId: string }) =>
        api.put<null>(`/api/international/patients/${v.patientId}/coordinator`, {
          coordinatorUserId: v.coordinatorUserId,
        }),
      onSuccess: done,
    }),
    answer: useMutation({
      mutationFn: (v: { id: string; answer: 'accept' | 'question'; question?: string }) =>
        api.post<Estimate>(`/api/international/estimates/${v.id}/answer`, {
          answer: v.answer,
          ...(v.question ? { question: v.question } : {}),
        }),
      onSuccess: done,
    }),
    pay: useMutation({
      mutationFn: (v: { id: string; body: CardPaymentBody; key: string }) =>
        api.post<DepositPayment>(`/api/international/estimates/${v.id}/deposit/payments`, v.body, {
          headers: { 'idempotency-key': v.key },
        }),
      onSuccess: done,
    }),
    estimate: useMutation({
      mutationFn: (body: EstimateBody) => api.post<Estimate>('/api/international/estimates', body),
      onSuccess: done,
    }),
    deposit: useMutation({
      mutationFn: (v: { id: string; amountCents: number }) =>
        api.post<Estimate>(`/api/international/estimates/${v.id}/deposit`, { amountCents: v.amountCents }),
      onSuccess: done,
    }),
  };
}
