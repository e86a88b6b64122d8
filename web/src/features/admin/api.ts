import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AuditList, OutboxList, OutboxMessage, Role, UserList } from '@portico/contracts';
import { useApi } from '../../app/session/context';

export const adminKeys = {
  users: (q: string, role: string) => ['admin', 'users', q, role] as const,
  usersAll: ['admin', 'users'] as const,
  outbox: ['admin', 'outbox'] as const,
  outboxMessage: (id: string) => ['admin', 'outbox', id] as const,
  audit: (filters: AuditFilters) => ['admin', 'audit', filters] as const,
};

export const ROLE_FILTERS: readonly Role[] = ['patient', 'proxy', 'clinician', 'staff', 'admin'];

export function useUsers(q: string, role: Role | '') {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.users(q, role),
    queryFn: async () => (await api.get<UserList>('/api/admin/users', { q, role })).users,
  });
}

export function useOutbox() {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.outbox,
    queryFn: async () => (await api.get<OutboxList>('/api/admin/outbox')).messages,
  });
}

export function useOutboxMessage(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: adminKeys.outboxMessage(id),
    queryFn: () => api.get<OutboxMessage>(`/api/admin/outbox/${encodeURIComponent(id)}`),
  });
}

/** Audit filters as sent to the server (ISO timestamps; names, MRNs or emails as typed; ids from older links). */
export interface AuditFilters {
  patientId: string;
  /** A patient's name or MRN. */
  patient: string;
  userId: string;
  /** The name or email of whoever acted. */
  user: string;
  from: string;
  to: string;
}

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEvents(filters: AuditFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: adminKeys.audit(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<AuditList>('/api/admin/audit', { ...filters, before: pageParam, limit: AUDIT_PAGE_SIZE }),
    getNextPageParam: (last) => last.nextCursor,
  });
}
