import { createEvent, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import type { MailMessage } from '../mail/index.js';
import type { AppointmentRow } from './repository.js';

export type NoticeKind = 'booked' | 'changed' | 'cancelled' | 'reminder';

const MODE_WORDS = { video: 'video visit', phone: 'phone visit', in_person: 'in-person visit' } as const;

function when(a: AppointmentRow): string {
  const local = DateTime.fromJSDate(a.start_at, { zone: a.time_zone });
  return local.toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ");
}

function calendar(a: AppointmentRow, kind: NoticeKind, link: string, showClinician: boolean): string {
  const start = DateTime.fromJSDate(a.start_at, { zone: 'utc' });
  const minutes = Math.round((a.end_at.getTime() - a.start_at.getTime()) / 60_000);
  const attrs: EventAttributes = {
    uid: `${a.id}@portico`,
    start: [start.year, start.month, start.day, start.hour, start.minute],
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes },
    title: showClinician
      ? `${capitalise(MODE_WORDS[a.mode])} with ${a.clinician_name}`
      : capitalise(MODE_WORDS[a.mode]),
    description: `Open Portico to check in: ${link}`,
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

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Appointment emails. By default they say only the date, time and kind of visit (no clinician,
 * reason or department), plus a link; an organization may opt in to naming the clinician.
 */
export function appointmentNotice(
  a: AppointmentRow,
  to: string,
  kind: NoticeKind,
  publicUrl: string,
  opts: { showClinician: boolean; checkInMinutes: number },
): MailMessage {
  const showClinician = opts.showClinician;
  const link = `${publicUrl}/appointments/${a.id}`;
  const what = MODE_WORDS[a.mode] + (showClinician ? ` with ${a.clinician_name}` : '');
  const at = when(a);
  const lines: Record<NoticeKind, { subject: string; body: string[] }> = {
    booked: { subject: 'Your appointment is booked', body: [`Your ${what} is booked for ${at}.`] },
    changed: { subject: 'Your appointment has changed', body: [`Your ${what} is now on ${at}.`] },
    cancelled: {
      subject: 'Your appointment is cancelled',
      body: [`Your ${what} on ${at} is cancelled.`, `To book again, open Portico or call ${a.organization_phone}.`],
    },
    reminder: {
      subject: 'Reminder: upcoming appointment',
      body: [
        `Reminder: your ${what} is on ${at}.`,
        `Check in from Portico up to ${opts.checkInMinutes} minutes before, and test your camera and microphone first.`,
      ],
    },
  };
  const { subject, body } = lines[kind];
  return {
    to,
    subject,
    text: [...body, '', `Details and check-in: ${link}`, '', `Questions? Call ${a.organization_phone}.`].join('\n'),
    attachments: [
      {
        filename: kind === 'cancelled' ? 'cancelled.ics' : 'appointment.ics',
        contentType: `text/calendar; charset=utf-8; method=${kind === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
        content: calendar(a, kind, link, showClinician),
      },
    ],
  };
}

export function requestUpdateNotice(to: string, publicUrl: string): MailMessage {
  return {
    to,
    subject: 'Update on your appointment request',
    text: ['There is an update on your appointment request.', '', `See it in Portico: ${publicUrl}/appointments`].join(
      '\n',
    ),
  };
}
