import { useQueryClient } from '@tanstack/react-query';
import type { ClinicianSchedule } from '@portico/contracts';
import { saKeys } from '../lib/queries';

/** After any schedule change: keep the answer, and let slot lists and visit-type lists reload. */
export function useScheduleSaved(clinicianId: string) {
  const queryClient = useQueryClient();
  return (schedule: ClinicianSchedule) => {
    queryClient.setQueryData(saKeys.schedule(clinicianId), schedule);
    void queryClient.invalidateQueries({ queryKey: saKeys.slots });
    void queryClient.invalidateQueries({ queryKey: saKeys.clinician(clinicianId) });
  };
}
