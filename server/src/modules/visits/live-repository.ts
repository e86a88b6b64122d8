import { sql, type Expression, type RawBuilder } from 'kysely';
import { LIVE_WITHIN } from './presence-repository.js';
import type { LiveContext } from './views.js';
import type { Db, LiveJson } from './repository.js';

/**
 * What every view of a visit needs besides its row, as one JSON column: the check-in, who is live
 * (in joining order), the clinician's waiting line, and whether the clinician is in another visit.
 * `encounterId` and `clinicianId` are values or columns of the statement it is part of (the
 * visit's own row, so a visit and its live state are read in one statement).
 */
export function liveColumn(
  encounterId: string | Expression<string>,
  clinicianId: string | Expression<string>,
): RawBuilder<LiveJson> {
  return sql<LiveJson>`json_build_object(
    'check_in', (select row_to_json(c) from (
       select encounter_id, location_country, location_region, location_allowed,
              medications_confirmed, questions, contact_phone, insurance_confirmed,
              interpreter_language, checked_in_at
         from visit_check_ins where encounter_id = ${encounterId}) c),
    'participants', (select coalesce(json_agg(json_build_object(
              'id', p.id, 'encounter_id', p.encounter_id, 'role', p.role, 'user_id', p.user_id,
              'guest_id', p.guest_id, 'display_name', p.display_name,
              'instance_id', p.instance_id, 'admitted', p.admitted) order by p.joined_at), '[]'::json)
       from visit_participants p
      where p.encounter_id = ${encounterId} and p.left_at is null
        and p.last_seen_at > now() - ${LIVE_WITHIN}),
    'waiting_line', (select coalesce(json_agg(w.id order by w.waiting_since), '[]'::json)
       from encounters w
      where w.clinician_id = ${clinicianId} and w.status = 'arrived' and w.waiting_since is not null),
    'in_another_visit', exists (select 1 from encounters o
             where o.clinician_id = ${clinicianId} and o.status = 'in-progress' and o.id <> ${encounterId}))`;
}

/** The live state as the views take it. */
export function liveState(live: LiveJson): Omit<LiveContext, 'now'> {
  return {
    checkIn: live.check_in ? { ...live.check_in, checked_in_at: new Date(live.check_in.checked_in_at) } : undefined,
    participants: live.participants,
    waitingLine: live.waiting_line.map((encounter_id) => ({ encounter_id })),
    clinicianInAnotherVisit: live.in_another_visit,
  };
}

/**
 * A visit's live state alone, in one statement (its row read already). The hub re-sends a visit
 * to its sockets after each join and change, reading the row and this together (VisitReader).
 */
export class LiveStateRepository {
  constructor(private readonly db: Db) {}

  async read(encounterId: string, clinicianId: string): Promise<Omit<LiveContext, 'now'>> {
    const { rows } = await sql<{ live: LiveJson }>`select ${liveColumn(encounterId, clinicianId)} as live`.execute(
      this.db,
    );
    const live = rows[0]?.live;
    if (!live) throw new Error('the live-state statement returned no row');
    return liveState(live);
  }
}
