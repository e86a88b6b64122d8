import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdjustmentBody, BillingAccount, RecordPaymentBody, RefundBody } from '@portico/contracts';
import { useApi } from '../../../app/session/context';

const accountKey = (patientId: string) => ['billing', 'account', patientId] as const;

/** One patient's account as the billing office sees it. */
export function useBillingAccount(patientId: string) {
  const api = useApi();
  return useQuery({
    queryKey: accountKey(patientId),
    queryFn: () => api.get<BillingAccount>(`/api/billing/accounts/${encodeURIComponent(patientId)}`),
  });
}

type OfficeAction =
  | { kind: 'payments'; body: RecordPaymentBody }
  | { kind: 'refunds'; body: RefundBody }
  | { kind: 'adjustments'; body: AdjustmentBody };

/** Posts a payment, refund or adjustment; the key makes a retried click post once. */
export function useOfficeAction(patientId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, idempotencyKey }: { action: OfficeAction; idempotencyKey: string }) =>
      api.post<BillingAccount>(`/api/billing/accounts/${encodeURIComponent(patientId)}/${action.kind}`, action.body, {
        headers: { 'idempotency-key': idempotencyKey },
      }),
    onSuccess: (account) => client.setQueryData(accountKey(patientId), account),
  });
}
