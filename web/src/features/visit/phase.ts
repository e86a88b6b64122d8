import type { VisitView } from '@portico/contracts';

/** Where the patient is in their visit, from the server's view of it. */
export type PatientPhase =
  | 'over'
  | 'notYet'
  | 'closed'
  | 'checkIn'
  | 'refused'
  | 'ready'
  /** Pressed Start: waiting room, then the call (the socket decides which). */
  | 'joined';

export function patientPhase(view: VisitView, now: number): PatientPhase {
  if (view.status === 'finished' || view.status === 'cancelled') return 'over';
  if (view.liveState === 'cancelled' || view.liveState === 'no_show' || view.liveState === 'done') return 'over';
  if (view.waiting.since !== null || view.status === 'in-progress') return 'joined';
  const answers = view.checkIn.answers;
  if (answers && !answers.locationAllowed) return 'refused';
  if (answers) return 'ready';
  if (!view.checkIn.open) return now < Date.parse(view.checkIn.opensAt) ? 'notYet' : 'closed';
  return 'checkIn';
}

/** Milliseconds until check-in opens (for a timer that reloads the page then), or null. */
export function untilCheckInOpens(view: VisitView, now: number): number | null {
  const opens = Date.parse(view.checkIn.opensAt);
  return opens > now ? opens - now : null;
}
