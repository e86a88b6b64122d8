import { TELEHEALTH_CONSENT_VERSION, type CheckInAnswers, type QueueEntry, type VisitView } from '@portico/contracts';
import { schedulingPolicy } from '../scheduling/index.js';
import { mayAdmit, mayInvite, type Viewer } from './access.js';
import { allowedRegions, checkInWindow, liveState, minutesBetween } from './lifecycle.js';
import type { CheckInRow, ParticipantRow, VisitRow } from './repository.js';

export interface LiveContext {
  checkIn: CheckInRow | undefined;
  participants: ParticipantRow[];
  /** Patients of the same clinician waiting, longest first. */
  waitingLine: { encounter_id: string }[];
  clinicianInAnotherVisit: boolean;
  now: Date;
}

/** A visit and its live state, read once; each participant's view is made from it (VisitService.viewOf). */
export interface VisitSnapshot {
  row: VisitRow;
  live: Omit<LiveContext, 'now'>;
}

export function checkInAnswers(c: CheckInRow): CheckInAnswers {
  return {
    locationCountry: c.location_country,
    locationRegion: c.location_region,
    locationAllowed: c.location_allowed,
    medicationsConfirmed: c.medications_confirmed,
    questions: c.questions,
    contactPhone: c.contact_phone,
    insuranceConfirmed: c.insurance_confirmed,
    interpreterLanguage: c.interpreter_language,
    checkedInAt: c.checked_in_at.toISOString(),
  };
}

export function stateOf(row: VisitRow, checkIn: CheckInRow | undefined) {
  return liveState({
    appointmentStatus: row.appointment_status,
    encounterStatus: row.status,
    outcome: row.outcome,
    checkedIn: checkIn?.location_allowed === true,
    waitingSince: row.waiting_since,
    admittedAt: row.admitted_at,
  });
}

/** The visit as one participant sees it. Guests never see the patient's check-in answers. */
export function visitView(row: VisitRow, viewer: Viewer, live: LiveContext): VisitView {
  const policy = schedulingPolicy(row.org_settings);
  const window = checkInWindow(row.start_at, row.end_at, policy.checkInOpensMinutes, live.now);
  const place = live.waitingLine.findIndex((w) => w.encounter_id === row.encounter_id);
  const sensitive = viewer.role === 'patient' || viewer.role === 'clinician' || viewer.role === 'staff';
  return {
    appointmentId: row.appointment_id,
    encounterId: row.encounter_id,
    status: row.status,
    liveState: stateOf(row, live.checkIn),
    mode: row.mode === 'phone' ? 'phone' : 'video',
    modality: row.modality,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    timeZone: row.time_zone,
    patientName: row.patient_name,
    clinicianName: row.clinician_name,
    clinicianPhotoUrl: `/api/directory/clinicians/${row.clinician_id}/photo.svg`,
    organizationName: row.organization_name,
    organizationPhone: row.organization_phone,
    techHelpPhone: row.organization_phone,
    interpreterLanguage: sensitive || viewer.role === 'interpreter' ? row.interpreter_language : null,
    checkIn: {
      opensAt: window.opensAt.toISOString(),
      closesAt: window.closesAt.toISOString(),
      open: window.open,
      allowedRegions: allowedRegions(row.org_settings, row.licensed_states),
      consentVersion: TELEHEALTH_CONSENT_VERSION,
      answers: sensitive && live.checkIn ? checkInAnswers(live.checkIn) : null,
    },
    waiting: {
      since: row.waiting_since?.toISOString() ?? null,
      place: place >= 0 ? place + 1 : null,
      clinicianConnected: live.participants.some((p) => p.role === 'clinician'),
      clinicianInAnotherVisit: live.clinicianInAnotherVisit,
      runningLateMinutes: row.running_late_minutes,
    },
    phoneFallback: {
      active: row.modality === 'phone',
      number: sensitive || viewer.role === 'interpreter' ? row.phone_number : null,
      cantConnectAt: row.cant_connect_at?.toISOString() ?? null,
    },
    outcome: row.outcome,
    participants: live.participants.map((p) => ({
      id: p.id,
      role: p.role,
      name: p.display_name,
      admitted: p.admitted,
    })),
    you: { role: viewer.role, canAdmit: mayAdmit(viewer), canInvite: mayInvite(viewer, row.org_settings) },
  };
}

export function queueEntry(row: VisitRow, checkIn: CheckInRow | undefined, now: Date, canAdmit: boolean): QueueEntry {
  const state = stateOf(row, checkIn);
  return {
    appointmentId: row.appointment_id,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    patientName: row.patient_name,
    clinicianId: row.clinician_id,
    clinicianName: row.clinician_name,
    visitTypeName: row.visit_type_name,
    mode: row.mode === 'phone' ? 'phone' : 'video',
    liveState: state,
    waitingMinutes: state === 'waiting' && row.waiting_since ? minutesBetween(row.waiting_since, now) : null,
    checkIn: checkIn ? checkInAnswers(checkIn) : null,
    interpreterLanguage: row.interpreter_language,
    cantConnectPhone: row.cant_connect_at ? (checkIn?.contact_phone ?? row.patient_phone) : null,
    outcome: row.outcome,
    canAdmit,
  };
}
