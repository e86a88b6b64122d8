import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Caller } from '../../lib/caller.js';
import type { AuditService } from '../audit/index.js';
import type { Viewer } from './access.js';
import type { VisitBus } from './bus.js';
import type { Connection } from './hub.js';
import type { PresenceRepository } from './presence-repository.js';
import type { ParticipantRow, VisitRow } from './repository.js';

/** Joining and leaving a visit's call, with one live connection per person. */
export class ParticipantService {
  constructor(
    private readonly presence: PresenceRepository,
    private readonly audit: AuditService,
    private readonly bus: VisitBus,
    private readonly instanceId: string,
  ) {}

  async join(row: VisitRow, viewer: Viewer, caller: Caller, resumeId: string | undefined): Promise<ParticipantRow> {
    const who = { userId: viewer.userId, guestId: viewer.guestId };
    // The roster change and its audit row commit together (decision 0027); the other connections
    // are told only after, so no one is kicked for a join that was not kept.
    const { participant, resumed, replaced } = await this.presence.transaction(async (presence, trx) => {
      const taken = resumeId ? await presence.resume(resumeId, row.encounter_id, this.instanceId, who) : undefined;
      let joined: ParticipantRow;
      let earlier: string[] = [];
      if (taken) {
        joined = taken;
      } else {
        // One statement: a second tab or a reload replaces the earlier connection of the same
        // person, and a reload or network drop rejoins without waiting to be let in again.
        ({ joined, replaced: earlier } = await presence.join(
          {
            encounter_id: row.encounter_id,
            role: viewer.role,
            user_id: viewer.userId,
            guest_id: viewer.guestId,
            display_name: viewer.displayName || viewer.role,
            instance_id: this.instanceId,
            admitted: viewer.role === 'clinician',
          },
          row.status === 'in-progress',
        ));
      }
      await this.record(caller, row, viewer, joined.id, taken !== undefined, trx);
      return { participant: joined, resumed: taken, replaced: earlier };
    });
    if (resumed) {
      await this.bus.publish({
        kind: 'kick',
        encounterId: row.encounter_id,
        participantId: resumed.id,
        reason: 'replaced',
        exceptInstance: this.instanceId,
      });
    }
    for (const participantId of replaced) {
      await this.bus.publish({
        kind: 'kick',
        encounterId: row.encounter_id,
        participantId,
        reason: 'replaced',
      });
    }
    // The joining socket's instance re-sends the visit to its sockets itself, the new one among
    // them (visits/socket.ts): one round of reads there instead of two.
    await this.bus.publish({ kind: 'visit', encounterId: row.encounter_id, exceptInstance: this.instanceId });
    return participant;
  }

  async leave(conn: Connection, caller: Caller): Promise<void> {
    await this.presence.transaction(async (presence, trx) => {
      await presence.leave(conn.participantId);
      await this.audit.record(
        caller,
        {
          action: 'visit.leave',
          entityType: 'encounter',
          entityId: conn.encounterId,
          outcome: 'allowed',
          detail: { participantId: conn.participantId, role: conn.viewer.role },
        },
        trx,
      );
    });
    await this.bus.publish({ kind: 'visit', encounterId: conn.encounterId });
  }

  /** Audits a join inside its transaction `trx`, as its last write. */
  private async record(
    caller: Caller,
    row: VisitRow,
    viewer: Viewer,
    participantId: string,
    resumed: boolean,
    trx: Kysely<Database>,
  ) {
    await this.audit.record(
      caller,
      {
        action: 'visit.join',
        entityType: 'encounter',
        entityId: row.encounter_id,
        patientId: row.patient_id,
        outcome: 'allowed',
        detail: {
          participantId,
          role: viewer.role,
          resumed,
          ...(viewer.guestId ? { guestId: viewer.guestId } : {}),
        },
      },
      trx,
    );
  }
}
