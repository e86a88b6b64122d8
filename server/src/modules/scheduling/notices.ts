import { createEvent, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import type { Translator } from '../../lib/i18n.js';
import type { Compose } from '../mail/index.js';
import type { AppointmentRow } from './repository.js';

export type NoticeKind = 'booked' | 'changed' | 'cancelled' | 'reminder';

function calendar(a: AppointmentRow, kind: NoticeKind, link: string, showClinician: boolean, tr: Translator): string {
  const start = DateTime.fromJSDate(a.start_at, { zone: 'utc' });
  const minutes = Math.round((a.end_at.getTime() - a.start_at.getTime()) / 60_000);
  const attrs: EventAttributes = {
    uid: `${a.id}@portico`,
    start: [start.year, start.month, start.day, start.hour, start.minute],
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes },
    title: showClinician
      ? tr.t('email.appointment.calendarTitleWith', { mode: a.mode, clinician: a.clinician_name })
      : tr.t('email.appointment.calendarTitle', { mode: a.mode }),
    description: tr.t('email.appointment.calendarDescription', { link }),
    url: link,
    method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST',
    status: kind === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: Math.floor(Date.now() / 1000),
    productId: 'portico/appointments',
  };
  const { error, value } = createEvent(attrs);
  if (error || !value) throw new Error(`could not build calendar file: ${error?.message ?? 'unknown'}`);
  return value;
}

/**
 * Appointment emails, in the patient's language and the clinic's time zone. By default they say
 * only the date, time and kind of visit (no clinician, reason or department), plus a link; an
 * organization may opt in to naming the clinician.
 */
export function appointmentNotice(
  a: AppointmentRow,
  kind: NoticeKind,
  publicUrl: string,
  opts: { showClinician: boolean; checkInMinutes: number },
): Compose {
  return (tr) => {
    const link = `${publicUrl}/appointments/${a.id}`;
    const visit = opts.showClinician
      ? tr.t('email.appointment.visitWith', { mode: a.mode, clinician: a.clinician_name })
      : tr.t('email.appointment.visit', { mode: a.mode });
    const at = tr.dateTime(a.start_at, a.time_zone);
    const phone = a.organization_phone;
    const body: Record<NoticeKind, string[]> = {
      booked: [tr.t('email.appointment.booked', { visit, at })],
      changed: [tr.t('email.appointment.changed', { visit, at })],
      cancelled: [tr.t('email.appointment.cancelled', { visit, at }), tr.t('email.appointment.bookAgain', { phone })],
      reminder: [
        tr.t('email.appointment.reminder', { visit, at }),
        tr.t('email.appointment.checkIn', { minutes: opts.checkInMinutes }),
      ],
    };
    return {
      subject: tr.t(`email.appointment.subject.${kind}`),
      lines: [
        ...body[kind],
        '',
        tr.t('email.appointment.details', { link }),
        '',
        tr.t('email.appointment.questions', { phone }),
      ],
      attachments: [
        {
          filename: kind === 'cancelled' ? 'cancelled.ics' : 'appointment.ics',
          contentType: `text/calendar; charset=utf-8; method=${kind === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
          content: calendar(a, kind, link, opts.showClinician, tr),
        },
      ],
    };
  };
}

export const requestUpdateNotice =
  (publicUrl: string): Compose =>
  (tr) => ({
    subject: tr.t('email.appointmentRequest.subject'),
    lines: [
      tr.t('email.appointmentRequest.body'),
      '',
      tr.t('email.appointmentRequest.link', { link: `${publicUrl}/appointments` }),
    ],
  });
