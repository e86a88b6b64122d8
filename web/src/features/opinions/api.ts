import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Appointment,
  CreatedPhysicianLink,
  NewOpinionBody,
  OpinionList,
  OpinionOptions,
  OpinionQueueQuery,
  OpinionRequest,
  OpinionSpecialists,
  StaffAppointmentList,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';
import { useIdempotencyKeys, withKey } from '../appointments';

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
  const keys = useIdempotencyKeys();
  return useMutation({
    mutationFn: (body: NewOpinionBody) =>
      keys.send(body, (key) => api.post<OpinionRequest>('/api/second-opinions', body, withKey(key))),
  });
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

/** How far ahead the consultation picker looks: three of the schedule API's 31-day windows. */
const WINDOWS = 3;
const WINDOW_DAYS = 31;

/**
 * The patient's upcoming appointments, from the staff schedule API (which lists up to 31 days at a
 * time): the first window starts today in the clinic's zone, the next ones overlap by a day so a
 * time-zone difference leaves no gap; duplicates are dropped.
 */
export const usePatientUpcoming = (patientId: string | undefined) => {
  const api = useApi();
  return useQueries({
    queries: Array.from({ length: WINDOWS }, (_, i) => ({
      queryKey: ['opinions', 'appointments', patientId ?? '', i],
      queryFn: () => {
        const start = i === 0 ? null : new Date(Date.now() + (i * WINDOW_DAYS - i) * 86_400_000);
        const date = start ? start.toISOString().slice(0, 10) : undefined;
        return api.get<StaffAppointmentList>('/api/schedule/appointments', { patientId, date, days: WINDOW_DAYS });
      },
      enabled: Boolean(patientId),
    })),
    combine: (results) => {
      const now = Date.now();
      const seen = new Map<string, Appointment>();
      for (const r of results) {
        for (const a of r.data?.appointments ?? []) {
          if (a.status !== 'cancelled' && new Date(a.end).getTime() >= now) seen.set(a.id, a);
        }
      }
      return {
        appointments: [...seen.values()].sort((a, b) => a.start.localeCompare(b.start)),
        isPending: results.some((r) => r.isPending),
        isError: results.some((r) => r.isError),
      };
    },
  });
};
