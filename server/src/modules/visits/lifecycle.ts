import type { LiveState, VisitOutcome } from '@portico/contracts';
import type { EncounterStatus } from '../../db/schema.js';

/** The rules of a virtual visit that need no database: windows, location, state names, outcome. */

export interface CheckInWindow {
  opensAt: Date;
  closesAt: Date;
  open: boolean;
}

/** Check-in opens a set time before the start and stays open until the planned end. */
export function checkInWindow(start: Date, end: Date, opensMinutes: number, now: Date): CheckInWindow {
  const opensAt = new Date(start.getTime() - opensMinutes * 60_000);
  return { opensAt, closesAt: end, open: now >= opensAt && now < end };
}

/**
 * Where the patient must be at the time of the visit: the organization's own rule when it has
 * one (e.g. the cancer institute: Massachusetts), otherwise any state where the clinician is
 * licensed. An empty list means no rule applies.
 */
export function allowedRegions(orgSettings: Record<string, unknown>, clinicianStates: readonly string[]): string[] {
  const required = orgSettings['requiredPatientLocation'];
  if (Array.isArray(required)) {
    const states = required.filter((s): s is string => typeof s === 'string' && /^[A-Z]{2}$/.test(s));
    if (states.length > 0) return states;
  }
  return [...clinicianStates];
}

export function locationAllowed(regions: readonly string[], country: string, region: string | undefined): boolean {
  if (regions.length === 0) return true;
  return country === 'US' && region !== undefined && regions.includes(region);
}

export interface LiveFacts {
  appointmentStatus: string;
  encounterStatus: EncounterStatus;
  outcome: VisitOutcome | null;
  checkedIn: boolean;
  waitingSince: Date | null;
  admittedAt: Date | null;
}

/** The one word the clinician's day view shows for a visit. */
export function liveState(f: LiveFacts): LiveState {
  if (f.outcome === 'no_show' || f.appointmentStatus === 'noshow') return 'no_show';
  if (f.encounterStatus === 'cancelled' || f.appointmentStatus === 'cancelled') return 'cancelled';
  if (f.encounterStatus === 'finished') return 'done';
  if (f.encounterStatus === 'in-progress') return 'in_visit';
  if (f.waitingSince) return 'waiting';
  if (f.checkedIn) return 'checked_in';
  return 'not_checked_in';
}

/**
 * What the visit is recorded as when it ends. Billing reads this: a visit that never had a video
 * connection but was finished by phone is "completed by phone"; technical failure is never billed.
 */
export function decideOutcome(
  requested: 'completed' | 'technical_failure' | 'no_show' | undefined,
  videoConnected: boolean,
): VisitOutcome {
  if (requested === 'technical_failure') return 'technical_failure';
  if (requested === 'no_show') return 'no_show';
  return videoConnected ? 'completed_video' : 'completed_phone';
}

/** Whole minutes between two instants, never negative. */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}
