import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageOptions, NewThreadBody, Thread, ThreadList, UserList } from '@portico/contracts';
import { useApi, useSessionStore } from '../../app/session/context';
import { useIdempotencyKeys } from '../appointments';
import { postForm, type UploadProgress } from './upload';

export interface InboxFilters {
  mine: boolean;
  status: 'open' | 'done';
  poolId: string;
}

export const messageKeys = {
  all: ['messages'] as const,
  options: ['messages', 'options'] as const,
  threads: ['messages', 'threads'] as const,
  inbox: (f: InboxFilters) => ['messages', 'threads', 'inbox', f] as const,
  thread: (id: string) => ['messages', 'thread', id] as const,
  colleagues: ['messages', 'colleagues'] as const,
};

/** Who the open record's patient can write to, the response time and the attachment limits. */
export function useMessageOptions() {
  const api = useApi();
  return useQuery({
    queryKey: messageKeys.options,
    queryFn: () => api.get<MessageOptions>('/api/messages/options'),
    staleTime: 10 * 60_000,
  });
}

/** The patient's conversations (for the open record); `enabled` false while it may not be read. */
export function useThreads(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: messageKeys.threads,
    enabled,
    queryFn: async () => (await api.get<ThreadList>('/api/messages/threads')).threads,
    refetchInterval: 60_000,
  });
}

/** The care team's inbox, unread first. */
export function useInbox(filters: InboxFilters) {
  const api = useApi();
  return useQuery({
    queryKey: messageKeys.inbox(filters),
    queryFn: async () =>
      (
        await api.get<ThreadList>('/api/messages/threads', {
          mine: filters.mine ? 'true' : undefined,
          status: filters.status,
          poolId: filters.poolId || undefined,
        })
      ).threads,
    refetchInterval: 60_000,
  });
}

/** One conversation; reading it marks the other side's messages read. Checked for news every 30 s. */
export function useThread(id: string) {
  const api = useApi();
  const client = useQueryClient();
  return useQuery({
    queryKey: messageKeys.thread(id),
    queryFn: async () => {
      const thread = await api.get<Thread>(`/api/messages/threads/${encodeURIComponent(id)}`);
      // The unread counts in the lists have changed.
      void client.invalidateQueries({ queryKey: messageKeys.threads });
      return thread;
    },
    refetchInterval: 30_000,
  });
}

/** The message and its files as one multipart form: the JSON in `message`, each file in `files`. */
function messageForm(message: object, files: readonly File[]): FormData {
  const form = new FormData();
  form.append('message', JSON.stringify(message));
  for (const file of files) form.append('files', file, file.name);
  return form;
}

/** What makes two sends the same one (a retry): the words and each file's name, size and date. */
function fingerprint(vars: { body: unknown; files: readonly File[] }): unknown {
  return { body: vars.body, files: vars.files.map((f) => [f.name, f.size, f.lastModified]) };
}

/**
 * Sends with upload progress; `progress` is null when nothing is on its way. A send that failed
 * and is sent again unchanged carries the same Idempotency-Key, so it is posted only once.
 */
function useSend<V extends { body: unknown; files: readonly File[] }>(
  path: (vars: V) => string,
  form: (vars: V) => FormData,
) {
  const store = useSessionStore();
  const client = useQueryClient();
  const keys = useIdempotencyKeys();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (vars: V) => {
      setProgress({ loaded: 0, total: 0 });
      return keys.send(fingerprint(vars), (key) =>
        postForm<Thread>(store, path(vars), form(vars), setProgress, { 'idempotency-key': key }),
      );
    },
    onSuccess: (thread) => {
      client.setQueryData(messageKeys.thread(thread.id), thread);
      void client.invalidateQueries({ queryKey: messageKeys.threads });
    },
    // A finished upload stays at 100% until the next send; a failed one disappears.
    onError: () => setProgress(null),
  });
  return { ...mutation, progress };
}

export function useStartThread() {
  return useSend<{ body: NewThreadBody; files: readonly File[] }>(
    () => '/api/messages/threads',
    ({ body, files }) => messageForm(body, files),
  );
}

export function useReply(threadId: string) {
  return useSend<{ body: string; files: readonly File[] }>(
    () => `/api/messages/threads/${encodeURIComponent(threadId)}/messages`,
    ({ body, files }) => messageForm({ body }, files),
  );
}

function useThreadAction<V>(threadId: string, action: 'assign' | 'status', body: (vars: V) => unknown) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) =>
      api.post<Thread>(`/api/messages/threads/${encodeURIComponent(threadId)}/${action}`, body(vars)),
    onSuccess: (thread) => {
      client.setQueryData(messageKeys.thread(thread.id), thread);
      void client.invalidateQueries({ queryKey: messageKeys.threads });
    },
  });
}

export function useAssign(threadId: string) {
  return useThreadAction<string | null>(threadId, 'assign', (userId) => ({ userId }));
}

export function useSetStatus(threadId: string) {
  return useThreadAction<'open' | 'done'>(threadId, 'status', (status) => ({ status }));
}

/** Colleagues to assign to: clinicians and staff of the organization (staff and admins may list them). */
export function useColleagues(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: messageKeys.colleagues,
    enabled,
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const lists = await Promise.all(
        (['clinician', 'staff'] as const).map((role) => api.get<UserList>('/api/admin/users', { role })),
      );
      return lists
        .flatMap((l) => l.users)
        .filter((u) => !u.locked)
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
  });
}
