import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreatedPhysicianLink,
  NewOpinionBody,
  OpinionList,
  OpinionOptions,
  OpinionQueueQuery,
  OpinionRequest,
  OpinionSpecialists,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';

const key = (id: string) => ['opinions', id] as const;

export const useOpinionOptions = () => {
  const api = useApi();
  return useQuery({
    queryKey: ['opinions', 'options'],
    queryFn: () => api.get<OpinionOptions>('/api/second-opinions/options'),
  });
};

export const useMyOpinions = () => {
  const api = useApi();
  return useQuery({ queryKey: ['opinions', 'mine'], queryFn: () => api.get<OpinionList>('/api/second-opinions') });
};

export const useOpinionQueue = (q: OpinionQueueQuery) => {
  const api = useApi();
  return useQuery({
    queryKey: ['opinions', 'queue', q.department ?? '', q.status ?? ''],
    queryFn: () => api.get<OpinionList>('/api/second-opinions/queue', { department: q.department, status: q.status }),
  });
};

export const useOpinion = (id: string) => {
  const api = useApi();
  return useQuery({ queryKey: key(id), queryFn: () => api.get<OpinionRequest>(`/api/second-opinions/${id}`) });
};

export const useSpecialists = (id: string) => {
  const api = useApi();
  return useQuery({
    queryKey: ['opinions', id, 'specialists'],
    queryFn: () => api.get<OpinionSpecialists>(`/api/second-opinions/${id}/specialists`),
  });
};

export const useCreateOpinion = () => {
  const api = useApi();
  return useMutation({ mutationFn: (body: NewOpinionBody) => api.post<OpinionRequest>('/api/second-opinions', body) });
};

/** A care-team action (assign, request-info, status, schedule, opinion); the answer is the updated request. */
export const useOpinionAction = (id: string) => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api.post<OpinionRequest>(`/api/second-opinions/${id}/${path}`, body),
    onSuccess: (r) => client.setQueryData(key(id), r),
  });
};

export const useCreateLink = (id: string) => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CreatedPhysicianLink>(`/api/second-opinions/${id}/links`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: key(id) }),
  });
};

export const useRevokeLink = (id: string) => {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => api.delete<null>(`/api/second-opinions/${id}/links/${linkId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key(id) }),
  });
};
