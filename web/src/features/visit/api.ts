import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CheckInBody,
  DelegateList,
  EndVisitBody,
  GuestInvite,
  GuestInviteBody,
  GuestInviteList,
  GuestVisit,
  QueueList,
  VisitView,
} from '@portico/contracts';
import { isApiError } from '../../app/api';
import { useApi } from '../../app/session/context';

export const visitPath = (appointmentId: string) => `/api/visits/${encodeURIComponent(appointmentId)}`;

export const visitKeys = {
  all: ['visits'] as const,
  one: (id: string) => ['visits', 'one', id] as const,
  queue: (date: string, clinicianId: string) => ['visits', 'queue', date, clinicianId] as const,
  guests: (id: string) => ['visits', 'guests', id] as const,
  guestCurrent: ['visits', 'guest-current'] as const,
};

export function useVisit(appointmentId: string, refetchMs: number | false = false) {
  const api = useApi();
  return useQuery({
    queryKey: visitKeys.one(appointmentId),
    queryFn: () => api.get<VisitView>(visitPath(appointmentId)),
    refetchInterval: refetchMs,
    retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
  });
}

/** Today's visits (or another day's) with live state; refreshed every 10 seconds. */
export function useQueue(date: string, clinicianId: string) {
  const api = useApi();
  return useQuery({
    queryKey: visitKeys.queue(date, clinicianId),
    queryFn: () => api.get<QueueList>('/api/visits/queue', { date, clinicianId }),
    refetchInterval: 10_000,
    refetchIntervalInBackground: true,
  });
}

type VisitAction =
  | { kind: 'check-in'; body: CheckInBody }
  | { kind: 'start' }
  | { kind: 'admit'; participantId?: string }
  | { kind: 'running-late'; minutes: number }
  | { kind: 'phone'; number?: string }
  | { kind: 'cant-connect' }
  | { kind: 'end'; body: EndVisitBody };

function bodyOf(action: VisitAction): unknown {
  switch (action.kind) {
    case 'check-in':
    case 'end':
      return action.body;
    case 'admit':
      return action.participantId ? { participantId: action.participantId } : {};
    case 'running-late':
      return { minutes: action.minutes };
    case 'phone':
      return action.number ? { number: action.number } : {};
    default:
      return undefined;
  }
}

/** Every state change of a visit answers with the new VisitView; the cached one is replaced. */
export function useVisitAction(appointmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: VisitAction) =>
      api.post<VisitView>(`${visitPath(appointmentId)}/${action.kind}`, bodyOf(action)),
    onSuccess: async (view) => {
      client.setQueryData(visitKeys.one(appointmentId), view);
      await client.invalidateQueries({ queryKey: ['visits', 'queue'] });
    },
  });
}

export function useGuests(appointmentId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: visitKeys.guests(appointmentId),
    queryFn: async () => (await api.get<GuestInviteList>(`${visitPath(appointmentId)}/guests`)).guests,
    enabled,
  });
}

export function useInviteGuest(appointmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: GuestInviteBody) => api.post<GuestInvite>(`${visitPath(appointmentId)}/guests`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: visitKeys.guests(appointmentId) }),
  });
}

export function useRevokeGuest(appointmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (guestId: string) =>
      api.delete<undefined>(`${visitPath(appointmentId)}/guests/${encodeURIComponent(guestId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: visitKeys.guests(appointmentId) }),
  });
}

/** The invitation behind this browser's guest cookie (after a reload), if it still works. */
export function useGuestCurrent(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: visitKeys.guestCurrent,
    queryFn: () => api.get<GuestVisit>('/api/visits/guest/current'),
    enabled,
    retry: false,
  });
}

export function useClaimInvitation() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; name: string }) => api.post<GuestVisit>('/api/visits/guest/claim', body),
    onSuccess: (visit) => client.setQueryData(visitKeys.guestCurrent, visit),
  });
}

/** The staff a clinician lets admit their patients (clinicians only). */
export function useDelegates(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['visits', 'delegates'] as const,
    queryFn: () => api.get<DelegateList>('/api/visits/delegates'),
    enabled,
  });
}

export function useChangeDelegates() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (change: { add: string } | { remove: string }): Promise<void> => {
      if ('add' in change) await api.post<DelegateList>('/api/visits/delegates', { email: change.add });
      else await api.delete<void>(`/api/visits/delegates/${encodeURIComponent(change.remove)}`);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['visits'] }),
  });
}
