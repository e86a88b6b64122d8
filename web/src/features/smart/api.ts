import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConnectedAppList,
  SmartApp,
  SmartAppBody,
  SmartAppCreated,
  SmartAppList,
  SmartApproveBody,
  SmartInteraction,
  SmartRedirect,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';

const keys = {
  interaction: (uid: string) => ['smart-interaction', uid] as const,
  connected: ['smart-connected'] as const,
  apps: ['smart-apps'] as const,
};

/** What an app asks for: read once, never retried (a timed-out request stays timed out). */
export function useInteraction(uid: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.interaction(uid),
    queryFn: () => api.get<SmartInteraction>(`/api/smart/interactions/${encodeURIComponent(uid)}`),
    retry: false,
    staleTime: Infinity,
  });
}

export function useAnswer(uid: string) {
  const api = useApi();
  return useMutation({
    mutationFn: (answer: { allow: true; body: SmartApproveBody } | { allow: false }) =>
      answer.allow
        ? api.post<SmartRedirect>(`/api/smart/interactions/${encodeURIComponent(uid)}/approve`, answer.body)
        : api.post<SmartRedirect>(`/api/smart/interactions/${encodeURIComponent(uid)}/deny`),
  });
}

export function useConnectedApps() {
  const api = useApi();
  return useQuery({ queryKey: keys.connected, queryFn: () => api.get<ConnectedAppList>('/api/smart/connected-apps') });
}

export function useDisconnect() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) => api.delete<undefined>(`/api/smart/connected-apps/${encodeURIComponent(grantId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.connected }),
  });
}

export function useSmartApps() {
  const api = useApi();
  return useQuery({ queryKey: keys.apps, queryFn: () => api.get<SmartAppList>('/api/admin/smart-apps') });
}

export function useRegisterApp() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SmartAppBody) => api.post<SmartAppCreated>('/api/admin/smart-apps', body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apps }),
  });
}

export function useDisableApp() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<SmartApp>(`/api/admin/smart-apps/${encodeURIComponent(id)}/disable`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apps }),
  });
}
