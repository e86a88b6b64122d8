import { useTranslation } from 'react-i18next';
import type { VisitMode } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { Loading } from '../../../app/ui/Loading';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useClinicianSchedule } from '../lib/queries';
import { zoneName } from '../lib/time';
import { ExceptionsSection } from './ExceptionsSection';
import { VisitTypesSection } from './VisitTypesSection';
import { WeeklyHoursForm } from './WeeklyHoursForm';

/** Weekly hours, date exceptions and visit types of one clinician. */
export function ScheduleEditor({ clinicianId, visitModes }: { clinicianId: string; visitModes: readonly VisitMode[] }) {
  const { t, i18n } = useTranslation();
  const schedule = useClinicianSchedule(clinicianId);
  if (schedule.isLoading) return <Loading />;
  if (!schedule.data) return <ErrorMessage>{messageForError(t, schedule.error)}</ErrorMessage>;
  const s = schedule.data;
  return (
    <>
      <WeeklyHoursForm schedule={s} zone={zoneName(s.timeZone, i18n.language)} />
      <ExceptionsSection schedule={s} />
      <VisitTypesSection schedule={s} visitModes={visitModes} />
    </>
  );
}
