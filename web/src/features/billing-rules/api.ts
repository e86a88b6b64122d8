import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateFeeRuleSetBody, FeeRuleSet, FeeRuleSetList } from '@portico/contracts';
import { useApi } from '../../app/session/context';

export const ruleSetKeys = {
  all: ['billing-rules'] as const,
  list: (organizationId: string) => ['billing-rules', organizationId] as const,
};

/** One organization's fee rule versions, newest first, each marked in force, scheduled or replaced. */
export function useRuleSets(organizationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ruleSetKeys.list(organizationId),
    queryFn: () =>
      api.get<FeeRuleSetList>(`/api/billing/rule-sets?organizationId=${encodeURIComponent(organizationId)}`),
    enabled: organizationId !== '',
  });
}

/** Saves the next version; the list is fetched again so statuses follow the server's clock. */
export function useCreateRuleSet() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFeeRuleSetBody) => api.post<FeeRuleSet>('/api/billing/rule-sets', body),
    onSettled: (_data, _error, body) => client.invalidateQueries({ queryKey: ruleSetKeys.list(body.organizationId) }),
  });
}
