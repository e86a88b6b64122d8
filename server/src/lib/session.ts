import type { Role } from '@portico/contracts';
import type { PortalArea } from '../db/schema.js';

/**
 * What the auth plugin needs to know of a session and of the record it has open. The identity and
 * proxies modules produce these; they are defined here so that plugins/ and lib/ never import a module.
 */

/** A resolved, live session. */
export interface ActiveSession {
  id: string;
  userId: string;
  role: Role;
  email: string;
  displayName: string;
  organizationId: string | null;
  patientId: string | null;
  /** The directory clinician record linked to this account (clinicians.user_id). */
  clinicianId: string | null;
  /** The language the person chose to read Portico in (saved on the account), or null if never. */
  language: string | null;
  /** The record this session has open, when it is not the account's own (proxies). */
  actingForPatientId: string | null;
  csrfToken: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /** The policy asks this account for a second factor it has not set up yet: no patient data until it does. */
  mfaEnrollmentRequired: boolean;
}

export type SessionLookup = { state: 'active'; session: ActiveSession } | { state: 'expired' } | { state: 'none' };

export interface SessionRecordFacts {
  sessionId: string;
  userId: string;
  role: string;
  ownPatientId: string | null;
  actingForPatientId: string | null;
}

export interface OpenRecordAccess {
  patientId: string | null;
  areas: readonly PortalArea[];
}

/** What a cached session look-up must forget: one session, or every session of one account. */
export type SessionInvalidation = { sessionId: string } | { userId: string };

/** Carries session invalidations to every server instance (the fan-out bus), this one included. */
export interface InvalidationChannel {
  publish(invalidation: SessionInvalidation): Promise<void>;
  subscribe(handler: (invalidation: SessionInvalidation) => void): void;
}
