import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ImportedResults,
  NewResultBody,
  ResultList,
  ResultReleaseSettings,
  ResultReport,
  Trend,
  VitalSigns,
} from '@portico/contracts';
import { useApi } from '../../app/session/context';

const enc = encodeURIComponent;

export const resultKeys = {
  all: ['results'] as const,
  /** The open record's results (patients and proxies); `patientId` for the care team's view. */
  list: (patientId?: string) => ['results', 'list', patientId ?? 'open'] as const,
  report: (id: string) => ['results', 'report', id] as const,
  trend: (code: string, patientId?: string) => ['results', 'trend', patientId ?? 'open', code] as const,
  vitals: ['results', 'vitals', 'open'] as const,
  releaseSettings: (orgId: string) => ['results', 'release-settings', orgId] as const,
};

/** A patient's results: the open record's (patients, proxies) or, with `patientId`, for the care team. */
export function useResults(patientId?: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: resultKeys.list(patientId),
    enabled,
    queryFn: async () =>
      (await api.get<ResultList>(patientId ? `/api/patients/${enc(patientId)}/results` : '/api/results')).results,
  });
}

export function useResult(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: resultKeys.report(id),
    queryFn: () => api.get<ResultReport>(`/api/results/${enc(id)}`),
  });
}

export function useTrend(code: string, patientId?: string) {
  const api = useApi();
  return useQuery({
    queryKey: resultKeys.trend(code, patientId),
    queryFn: () =>
      api.get<Trend>(
        patientId ? `/api/patients/${enc(patientId)}/results/trends/${enc(code)}` : `/api/results/trends/${enc(code)}`,
      ),
  });
}

/** The open record's vital signs, one series per kind (patients and proxies). */
export function useVitals() {
  const api = useApi();
  return useQuery({
    queryKey: resultKeys.vitals,
    queryFn: async () => (await api.get<VitalSigns>('/api/results/vitals')).vitals,
  });
}

/** After any change, every list, report and trend may be out of date. */
function useRefresh() {
  const client = useQueryClient();
  return (report?: ResultReport) => {
    if (report) client.setQueryData(resultKeys.report(report.id), report);
    void client.invalidateQueries({ queryKey: resultKeys.all });
  };
}

export function useEnterResult(patientId: string) {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: NewResultBody) => api.post<ResultReport>(`/api/patients/${enc(patientId)}/results`, body),
    onSuccess: (report) => refresh(report),
  });
}

export function useImportBundle(patientId: string) {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (bundle: unknown) => api.post<ImportedResults>(`/api/patients/${enc(patientId)}/results/fhir`, bundle),
    onSuccess: () => refresh(),
  });
}

export function useReleaseResult(id: string) {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<ResultReport>(`/api/results/${enc(id)}/release`),
    onSuccess: (report) => refresh(report),
  });
}

export function useCommentResult(id: string) {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (comment: string) => api.put<ResultReport>(`/api/results/${enc(id)}/comment`, { comment }),
    onSuccess: (report) => refresh(report),
  });
}

export function useReleaseSettings(orgId: string) {
  const api = useApi();
  return useQuery({
    queryKey: resultKeys.releaseSettings(orgId),
    enabled: orgId !== '',
    queryFn: () => api.get<ResultReleaseSettings>(`/api/organizations/${enc(orgId)}/result-release`),
  });
}

export function useSaveReleaseSettings(orgId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ResultReleaseSettings) =>
      api.put<ResultReleaseSettings>(`/api/organizations/${enc(orgId)}/result-release`, body),
    onSuccess: (saved) => client.setQueryData(resultKeys.releaseSettings(orgId), saved),
  });
}
