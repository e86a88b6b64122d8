import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CardSide,
  Coverage,
  CoverageList,
  CoverageUpdateBody,
  InsurancePlan,
  InsurancePlanList,
  NewCoverageBody,
  NewPlanBody,
  PlanUpdateBody,
  Profile,
  ProfileUpdateBody,
  RecordAccessList,
} from '@portico/contracts';
import { useApi, useSessionStore } from '../../app/session/context';
import { postForm, type UploadProgress } from '../messages';

const enc = encodeURIComponent;

export const profileKeys = {
  all: ['profile'] as const,
  profile: ['profile', 'details'] as const,
  coverages: ['profile', 'coverages'] as const,
  plans: (includeInactive: boolean) => ['insurance-plans', includeInactive] as const,
  access: (includeMine: boolean) => ['profile', 'access', includeMine] as const,
};

/** The open record's profile (patients and proxies with the profile area); `enabled` false to skip. */
export function useProfile(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: profileKeys.profile, enabled, queryFn: () => api.get<Profile>('/api/profile') });
}

export function useUpdateProfile() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdateBody) => api.patch<Profile>('/api/profile', body),
    onSuccess: (saved) => client.setQueryData(profileKeys.profile, saved),
  });
}

export function useCoverages(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: profileKeys.coverages,
    enabled,
    queryFn: () => api.get<CoverageList>('/api/profile/coverages'),
  });
}

/** The plan catalog; staff and admins may ask for withdrawn plans too. */
export function usePlans(includeInactive = false) {
  const api = useApi();
  return useQuery({
    queryKey: profileKeys.plans(includeInactive),
    queryFn: async () =>
      (await api.get<InsurancePlanList>('/api/insurance-plans', includeInactive ? { includeInactive: 'true' } : {}))
        .plans,
    staleTime: 10 * 60_000,
  });
}

/** After any coverage change the list is refetched (priorities may have moved). */
function useCoverageMutation<V, R>(run: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: profileKeys.coverages }),
  });
}

export function useAddCoverage() {
  const api = useApi();
  return useCoverageMutation((body: NewCoverageBody) => api.post<Coverage>('/api/profile/coverages', body));
}

export function useChangeCoverage(id: string) {
  const api = useApi();
  return useCoverageMutation((body: CoverageUpdateBody) => api.patch<Coverage>(`/api/coverages/${enc(id)}`, body));
}

export function useRemoveCoverage(id: string) {
  const api = useApi();
  return useCoverageMutation(() => api.delete<Coverage>(`/api/coverages/${enc(id)}`));
}

export function useSwapCoverages() {
  const api = useApi();
  return useCoverageMutation(() => api.post<CoverageList>('/api/profile/coverages/swap'));
}

/** Sends one card photo with upload progress; the server checks what the file really is. */
export function useUploadCard(id: string) {
  const store = useSessionStore();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useCoverageMutation(async ({ side, file }: { side: CardSide; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    setProgress({ loaded: 0, total: file.size });
    try {
      return await postForm<Coverage>(store, `/api/coverages/${enc(id)}/cards/${side}`, form, setProgress);
    } finally {
      setProgress(null);
    }
  });
  return { ...mutation, progress };
}

export function useDeleteCard(id: string) {
  const api = useApi();
  return useCoverageMutation((side: CardSide) => api.delete<Coverage>(`/api/coverages/${enc(id)}/cards/${side}`));
}

/** "Who has looked at my record", page by page (newest first). */
export function useRecordAccess(includeMine: boolean) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: profileKeys.access(includeMine),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get<RecordAccessList>('/api/me/record-access', {
        before: pageParam || undefined,
        includeMine: includeMine ? 'true' : undefined,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAddPlan() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPlanBody) => api.post<InsurancePlan>('/api/insurance-plans', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['insurance-plans'] }),
  });
}

export function useUpdatePlan() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PlanUpdateBody }) =>
      api.patch<InsurancePlan>(`/api/insurance-plans/${enc(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['insurance-plans'] }),
  });
}
