import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { GrantBody, OpenRecord, ProxyGrant, ProxyGrantList, RecordList } from '@portico/contracts';
import { useApi, useSession } from '../../app/session/context';
import { hasRole, PATIENT_ROLES } from '../../app/session/roles';

export const sharingKeys = {
  records: ['records'] as const,
  proxies: ['proxies'] as const,
};

/** Answers that do not depend on whose record is open (public organizations, the records list). */
const RECORD_FREE_KEYS = new Set<unknown>(['organizations', sharingKeys.records[0]]);

function currentOf(data: unknown): string | null | undefined {
  if (typeof data !== 'object' || data === null || !('current' in data)) return undefined;
  return typeof data.current === 'string' ? data.current : null;
}

/**
 * Whenever the open record changes (a switch here, or access withdrawn elsewhere and noticed on
 * the next check), every cached answer belonged to the old record: drop them all at once, before
 * React renders, so one person's data never shows under another person's name.
 */
export function watchOpenRecord(client: QueryClient): () => void {
  let known: string | null | undefined = currentOf(client.getQueryData(sharingKeys.records));
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryKey[0] !== sharingKeys.records[0]) return;
    const next = currentOf(event.query.state.data);
    if (next === undefined || next === known) return;
    const previous = known;
    known = next;
    if (previous === undefined) return;
    void client.resetQueries({ predicate: (q) => !RECORD_FREE_KEYS.has(q.queryKey[0]) });
  });
}

/** Keeps watchOpenRecord running while the signed-in layout is on screen. */
export function useWatchOpenRecord(): void {
  const client = useQueryClient();
  useEffect(() => watchOpenRecord(client), [client]);
}

/** The records this account can open (its own and those it acts for), and which one is open. */
export function useRecords() {
  const api = useApi();
  const session = useSession();
  return useQuery({
    queryKey: sharingKeys.records,
    queryFn: () => api.get<RecordList>('/api/records'),
    enabled: session !== null && hasRole(session.user.role, PATIENT_ROLES),
    // Access can be withdrawn at any moment: check again on every page load, on focus and
    // every minute (the header also checks on each navigation).
    staleTime: 0,
    refetchOnWindowFocus: true,
    refetchInterval: 60_000,
  });
}

/** The open record, once known. */
export function useCurrentRecord(): OpenRecord | undefined {
  const { data } = useRecords();
  return data?.records.find((r) => r.patientId === data.current);
}

/**
 * Opens another record. The new list goes into the cache, and watchOpenRecord then drops every
 * answer that belonged to the old record, so all of it is read again for the new one.
 */
export function useSwitchRecord() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patientId: string) => api.put<RecordList>('/api/records/current', { patientId }),
    onSuccess: (records) => {
      client.setQueryData(sharingKeys.records, records);
    },
    // Refused: the list we showed is out of date (access withdrawn); read it again.
    onError: () => client.invalidateQueries({ queryKey: sharingKeys.records }),
  });
}

export function useProxies() {
  const api = useApi();
  return useQuery({ queryKey: sharingKeys.proxies, queryFn: () => api.get<ProxyGrantList>('/api/proxies') });
}

function useAfterGrantChange() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: sharingKeys.proxies }),
      client.invalidateQueries({ queryKey: sharingKeys.records }),
    ]);
}

export function useGrant() {
  const api = useApi();
  const after = useAfterGrantChange();
  return useMutation({
    mutationFn: (body: GrantBody) => api.post<ProxyGrant>('/api/proxies', body),
    onSuccess: after,
  });
}

/** The patient withdraws someone's access, or a proxy gives theirs up. */
export function useRevoke() {
  const api = useApi();
  const after = useAfterGrantChange();
  return useMutation({
    mutationFn: (grantId: string) => api.delete<undefined>(`/api/proxies/${encodeURIComponent(grantId)}`),
    onSuccess: after,
  });
}

export function useTeenConsent() {
  const api = useApi();
  const after = useAfterGrantChange();
  return useMutation({
    mutationFn: (grantId: string) => api.post<ProxyGrant>(`/api/proxies/${encodeURIComponent(grantId)}/teen-consent`),
    onSuccess: after,
  });
}
