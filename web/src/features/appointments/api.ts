import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Appointment,
  AppointmentList,
  AppointmentRequestList,
  BookBody,
  CancelBody,
  RescheduleBody,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';

export const appointmentKeys = {
  all: ['appointments'] as const,
  list: ['appointments', 'list'] as const,
  one: (id: string) => ['appointments', 'one', id] as const,
  requests: ['appointments', 'requests'] as const,
};

/** The signed-in patient's (or proxy's patient's) visits, split into upcoming and past. */
export function useAppointments() {
  const api = useApi();
  return useQuery({
    queryKey: appointmentKeys.list,
    queryFn: () => api.get<AppointmentList>('/api/appointments'),
  });
}

export function useAppointment(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: appointmentKeys.one(id),
    queryFn: () => api.get<Appointment>(`/api/appointments/${encodeURIComponent(id)}`),
    enabled: id !== '',
  });
}

export function useAppointmentRequests() {
  const api = useApi();
  return useQuery({
    queryKey: appointmentKeys.requests,
    queryFn: async () => (await api.get<AppointmentRequestList>('/api/appointment-requests')).requests,
  });
}

/**
 * After any change: remember the changed visit, and mark the lists and the directory's open times
 * stale. `then` runs first, before any query re-renders the page (a re-render can unmount the
 * form that asked, and with it any callback given to `mutate`).
 */
function useAfterChange() {
  const client = useQueryClient();
  return async (changed: Appointment, then?: (changed: Appointment) => void) => {
    then?.(changed);
    client.setQueryData(appointmentKeys.one(changed.id), changed);
    await Promise.all([
      client.invalidateQueries({ queryKey: appointmentKeys.list }),
      client.invalidateQueries({ queryKey: ['directory'] }),
    ]);
  };
}

/** Books with an Idempotency-Key: a retried request (same key) returns the first booking. */
export function useBook(onBooked: (appointment: Appointment) => void) {
  const api = useApi();
  const after = useAfterChange();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BookBody; idempotencyKey: string }) =>
      api.post<Appointment>('/api/appointments', body, { headers: { 'idempotency-key': idempotencyKey } }),
    onSuccess: (booked) => after(booked, onBooked),
  });
}

/** Moves a visit; the server books the new time and cancels the old one ("Rescheduled"). */
export function useReschedule(id: string, onMoved: (moved: Appointment) => void) {
  const api = useApi();
  const after = useAfterChange();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RescheduleBody) =>
      api.post<Appointment>(`/api/appointments/${encodeURIComponent(id)}/reschedule`, body),
    onSuccess: async (moved) => {
      await after(moved, onMoved);
      // The old visit is now cancelled: read it again only if someone opens it.
      await client.invalidateQueries({ queryKey: appointmentKeys.one(id), refetchType: 'none' });
    },
  });
}

export function useCancel(id: string, onCancelled: (cancelled: Appointment) => void) {
  const api = useApi();
  const after = useAfterChange();
  return useMutation({
    mutationFn: (body: CancelBody) => api.post<Appointment>(`/api/appointments/${encodeURIComponent(id)}/cancel`, body),
    onSuccess: (cancelled) => after(cancelled, onCancelled),
  });
}
