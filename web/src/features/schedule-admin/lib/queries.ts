import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AppointmentRequestList,
  ClinicalAreaList,
  ClinicianDetail,
  ClinicianSchedule,
  DirectoryFacets,
  DirectoryResult,
  SchedulingSettings,
  SlotList,
  StaffAppointmentList,
} from '@portico/contracts';
import { useApi } from '../../../app/session/context';

/** Every read the schedule pages make lives under this key, so a change can refresh them all. */
export const saKeys = {
  all: ['schedule-admin'] as const,
  appointments: ['schedule-admin', 'appointments'] as const,
  day: (date: string, days: number, clinicianId: string) =>
    ['schedule-admin', 'appointments', date, days, clinicianId] as const,
  clinicians: ['schedule-admin', 'clinicians'] as const,
  clinicianSearch: (q: string, page: number, organization: string) =>
    ['schedule-admin', 'clinicians', 'search', q, page, organization] as const,
  clinician: (id: string) => ['schedule-admin', 'clinicians', 'one', id] as const,
  schedule: (id: string) => ['schedule-admin', 'schedule', id] as const,
  slots: ['schedule-admin', 'slots'] as const,
  slotRange: (clinicianId: string, visitTypeId: string, from: string, days: number) =>
    ['schedule-admin', 'slots', clinicianId, visitTypeId, from, days] as const,
  requests: (status: string) => ['schedule-admin', 'requests', status] as const,
  areas: ['schedule-admin', 'areas'] as const,
  facets: ['schedule-admin', 'facets'] as const,
  settings: (organizationId: string) => ['schedule-admin', 'settings', organizationId] as const,
};

export const CLINICIAN_PAGE_SIZE = 50;

export function useDayAppointments(date: string, days: number, clinicianId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.day(date, days, clinicianId),
    queryFn: async () =>
      (
        await api.get<StaffAppointmentList>('/api/schedule/appointments', {
          date,
          days: days === 1 ? undefined : days,
          clinicianId,
        })
      ).appointments,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Clinicians staff may manage (inactive and in-person-only included), by name. */
export function useManagedClinicians(q: string, page = 1, organization = '') {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.clinicianSearch(q, page, organization),
    queryFn: () =>
      api.get<DirectoryResult>('/api/directory/manage/clinicians', {
        q,
        page,
        pageSize: CLINICIAN_PAGE_SIZE,
        organization,
        sort: 'name',
      }),
    placeholderData: keepPreviousData,
  });
}

export function useManagedClinician(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.clinician(id),
    queryFn: () => api.get<ClinicianDetail>(`/api/directory/manage/clinicians/${encodeURIComponent(id)}`),
    enabled: id !== '',
  });
}

export function useClinicianSchedule(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.schedule(id),
    queryFn: () => api.get<ClinicianSchedule>(`/api/clinicians/${encodeURIComponent(id)}/schedule`),
    enabled: id !== '',
  });
}

export function useSlots(clinicianId: string, visitTypeId: string, from: string, days: number) {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.slotRange(clinicianId, visitTypeId, from, days),
    queryFn: () =>
      api.get<SlotList>(`/api/directory/clinicians/${encodeURIComponent(clinicianId)}/slots`, {
        visitTypeId,
        from,
        days,
      }),
    enabled: clinicianId !== '' && visitTypeId !== '',
    staleTime: 0,
  });
}

export function useRequests(status: string) {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.requests(status),
    queryFn: async () => (await api.get<AppointmentRequestList>('/api/appointment-requests', { status })).requests,
  });
}

export function useClinicalAreas() {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.areas,
    queryFn: async () => (await api.get<ClinicalAreaList>('/api/directory/clinical-areas')).clinicalAreas,
  });
}

/** Service lines (code and name) come with the directory's facets. */
export function useServiceLines() {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.facets,
    queryFn: async () => (await api.get<DirectoryFacets>('/api/directory/facets')).serviceLines,
    staleTime: 60 * 60_000,
  });
}

export function useSchedulingSettings(organizationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: saKeys.settings(organizationId),
    queryFn: () =>
      api.get<SchedulingSettings>(`/api/organizations/${encodeURIComponent(organizationId)}/scheduling-settings`),
    enabled: organizationId !== '',
  });
}
