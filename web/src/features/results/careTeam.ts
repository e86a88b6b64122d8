import { useShowOpenRecord } from '../../app/layout/OpenRecord';
import { usePatient } from '../../app/queries';

/** The patient a care-team results page is about: their name, also shown in the header's record line. */
export function useCarePatientName(patientId: string): string | null {
  const { data } = usePatient(patientId);
  const name = data ? `${data.givenName} ${data.familyName}` : null;
  useShowOpenRecord(name);
  return name;
}

export const careResultsPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/results`;
