import { sql } from 'kysely';
import { LIVE_WITHIN } from './presence-repository.js';
import type { LiveContext } from './views.js';
import type { CheckInRow, Db, ParticipantRow } from './repository.js';

/** The statement's row: JSON carries the check-in's time as text. */
interface LiveJson {
  check_in: (Omit<CheckInRow, 'checked_in_at'> & { checked_in_at: string }) | null;
  participants: ParticipantRow[];
  waiting_line: string[];
  in_another_visit: boolean;
}

/**
 * What every view of a visit needs besides its row, in one statement: the hub re-sends a visit to
 * its sockets after each join and change, so on the embedded database's one connection these
 * reads are on the path of every join and admission.
 */
export class LiveStateRepository {
  constructor(private readonly db: Db) {}

  async read(encounterId: string, clinicianId: string): Promise<Omit<LiveContext, 'now'>> {
    const { rows } = await sql<LiveJson>`
      select
        (select row_to_json(c) from (
           select encounter_id, location_country, location_region, location_allowed,
                  medications_confirmed, questions, contact_phone, insurance_confirmed,
                  interpreter_language, checked_in_at
             from visit_check_ins where encounter_id = ${encounterId}) c) as check_in,
        (select coalesce(json_agg(json_build_object(
                  'id', p.id, 'encounter_id', p.encounter_id, 'role', p.role, 'user_id', p.user_id,
                  'guest_id', p.guest_id, 'display_name', p.display_name,
                  'instance_id', p.instance_id, 'admitted', p.admitted) order by p.joined_at), '[]'::json)
           from visit_participants p
          where p.encounter_id = ${encounterId} and p.left_at is null
            and p.last_seen_at > now() - ${LIVE_WITHIN}) as participants,
        (select coalesce(json_agg(w.id order by w.waiting_since), '[]'::json)
           from encounters w
          where w.clinician_id = ${clinicianId} and w.status = 'arrived' and w.waiting_since is not null)
          as waiting_line,
        exists (select 1 from encounters o
                 where o.clinician_id = ${clinicianId} and o.status = 'in-progress' and o.id <> ${encounterId})
          as in_another_visit
    `.execute(this.db);
    const live = rows[0];
    if (!live) throw new Error('the live-state statement returned no row');
    return {
      checkIn: live.check_in ? { ...live.check_in, checked_in_at: new Date(live.check_in.checked_in_at) } : undefined,
      participants: live.participants,
      waitingLine: live.waiting_line.map((encounter_id) => ({ encounter_id })),
      clinicianInAnotherVisit: live.in_another_visit,
    };
  }
}
