import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BillingSummary,
  CardPaymentBody,
  ChargePreview,
  Dispute,
  DisputeQueue,
  OpenDisputeBody,
  Payment,
  ResolveDisputeBody,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';
import { useIdempotencyKeys, withKey } from '../appointments';

export const billingKeys = {
  all: ['billing'] as const,
  summary: ['billing', 'summary'] as const,
  preview: ['billing', 'preview'] as const,
};

/** The open record's balance and bill lines. */
export function useBilling() {
  const api = useApi();
  return useQuery({ queryKey: billingKeys.summary, queryFn: () => api.get<BillingSummary>('/api/billing') });
}

/** What a video visit would cost today under the patient's coverage. */
export function useChargePreview() {
  const api = useApi();
  return useQuery({ queryKey: billingKeys.preview, queryFn: () => api.get<ChargePreview>('/api/billing/preview') });
}

/** Pays by card; the same key for a retry of the same payment means the server pays once. */
export function usePayByCard() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CardPaymentBody; idempotencyKey: string }) =>
      api.post<Payment>('/api/billing/payments', body, { headers: { 'idempotency-key': idempotencyKey } }),
    onSettled: () => client.invalidateQueries({ queryKey: billingKeys.all }),
  });
}

/** The cardholder's answer to their bank's confirmation step. */
export function useConfirmPayment() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, approved }: { id: string; approved: boolean }) =>
      api.post<Payment>(`/api/billing/payments/${encodeURIComponent(id)}/confirm`, { approved }),
    onSettled: () => client.invalidateQueries({ queryKey: billingKeys.all }),
  });
}

/** "I think this charge is wrong": opens a question to the billing office about one line. */
export function useOpenDispute() {
  const api = useApi();
  const client = useQueryClient();
  const keys = useIdempotencyKeys();
  return useMutation({
    mutationFn: (body: OpenDisputeBody) =>
      keys.send(body, (key) => api.post<Dispute>('/api/billing/disputes', body, withKey(key))),
    onSuccess: () => client.invalidateQueries({ queryKey: billingKeys.summary }),
  });
}

/** The billing office's open (or answered) questions about bills. */
export function useDisputeQueue(status: 'open' | 'resolved') {
  const api = useApi();
  return useQuery({
    queryKey: ['billing', 'disputes', status],
    queryFn: () => api.get<DisputeQueue>(`/api/billing/disputes?status=${status}`),
  });
}

export function useResolveDispute() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveDisputeBody }) =>
      api.post<Dispute>(`/api/billing/disputes/${encodeURIComponent(id)}/resolve`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['billing', 'disputes'] }),
  });
}
