import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment, Slot } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { SlotPicker, formatMoment, patientTimeZone } from '../find-doctor';
import { useReschedule } from './api';
import { schedulingMessage } from './bookingErrors';
import { TakenAlternatives } from './TakenAlternatives';

const NO_FIELDS = [] as const;

interface TakenState {
  message: string;
  nextSlots: readonly string[];
  attempt: number;
}

/** Pick a new time with the same clinician and visit type, confirm, and go to the moved visit. */
export function ReschedulePanel({ appointment, onClose }: { appointment: Appointment; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const zone = patientTimeZone();
  const [from, setFrom] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [taken, setTaken] = useState<TakenState | null>(null);
  const { errors, fail, clear } = useFormErrors(NO_FIELDS);
  const confirmRef = useRef<HTMLDivElement>(null);
  const move = useReschedule(appointment.id, (moved) => {
    void navigate(`/appointments/${moved.id}`, { replace: true, state: { notice: 'rescheduled' } });
  });

  const pick = (slot: Slot) => {
    setPicked(slot.start);
    window.requestAnimationFrame(() => {
      confirmRef.current?.focus();
      confirmRef.current?.scrollIntoView({ block: 'center' });
    });
  };

  const submit = (start: string) => {
    if (move.isPending) return;
    clear();
    move.mutate(
      { start },
      {
        onError: (error) => {
          if (isApiError(error) && error.code === 'slot_taken') {
            setPicked(null);
            setTaken((prev) => ({
              message: schedulingMessage(t, error),
              nextSlots: error.nextSlots,
              attempt: (prev?.attempt ?? 0) + 1,
            }));
            return;
          }
          setTaken(null);
          fail({}, [schedulingMessage(t, error)]);
        },
      },
    );
  };

  return (
    <section className="panel ap-panel" aria-labelledby="ap-reschedule-title">
      <h2 id="ap-reschedule-title">{t('appointments.reschedule.title')}</h2>
      <p>{t('appointments.reschedule.intro')}</p>
      {taken ? (
        <TakenAlternatives
          message={taken.message}
          nextSlots={taken.nextSlots}
          clinicZone={appointment.timeZone}
          attempt={taken.attempt}
          actionLabel={(when) => t('appointments.taken.moveInstead', { when })}
          onChoose={submit}
        />
      ) : null}
      <ErrorSummary formId="reschedule" errors={errors} order={NO_FIELDS} />
      {picked ? (
        <div className="ap-confirm" ref={confirmRef} tabIndex={-1} aria-labelledby="ap-confirm-title">
          <h3 id="ap-confirm-title">{t('appointments.reschedule.confirmTitle')}</h3>
          <p>{t('appointments.reschedule.from', { when: formatMoment(appointment.start, i18n.language, zone) })}</p>
          <p className="ap-when">
            {t('appointments.reschedule.to', { when: formatMoment(picked, i18n.language, zone) })}
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button"
              aria-disabled={move.isPending || undefined}
              onClick={() => submit(picked)}
            >
              {t('appointments.reschedule.submit')}
              {move.isPending ? <span className="button__busy" aria-hidden="true" /> : null}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setPicked(null)}>
              {t('appointments.reschedule.another')}
            </button>
          </div>
        </div>
      ) : null}
      <SlotPicker
        clinicianId={appointment.clinicianId}
        visitTypeId={appointment.visitTypeId}
        from={from}
        onFromChange={setFrom}
        onPick={pick}
        selectedStart={picked ?? ''}
        headingLevel={3}
      />
      <p>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('appointments.reschedule.close')}
        </button>
      </p>
    </section>
  );
}
