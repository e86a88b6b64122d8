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
    const resumed = resumeId ? await this.presence.resume(resumeId, row.encounter_id, this.instanceId, who) : undefined;
    let participant: ParticipantRow;
    if (resumed) {
      participant = resumed;
      await this.bus.publish({
        kind: 'kick',
        encounterId: row.encounter_id,
        participantId: resumed.id,
        reason: 'replaced',
        exceptInstance: this.instanceId,
      });
    } else {
      // A second tab or a reload replaces the earlier connection of the same person.
      for (const old of await this.presence.liveOf(row.encounter_id, who)) {
        await this.presence.leave(old.id);
        await this.bus.publish({
          kind: 'kick',
          encounterId: row.encounter_id,
          participantId: old.id,
          reason: 'replaced',
        });
      }
      // A reload or network drop rejoins without waiting to be let in again.
      const admitted =
        viewer.role === 'clinician' ||
        (row.status === 'in-progress' && (await this.presence.wasAdmitted(row.encounter_id, who)));
      participant = await this.presence.join({
        encounter_id: row.encounter_id,
        role: viewer.role,
        user_id: viewer.userId,
        guest_id: viewer.guestId,
        display_name: viewer.displayName || viewer.role,
        instance_id: this.instanceId,
        admitted,
      });
    }
    await this.record(caller, row, viewer, 'visit.join', participant.id, resumed !== undefined);
    await this.bus.publish({ kind: 'visit', encounterId: row.encounter_id });
    return participant;
  }

  async leave(conn: Connection, caller: Caller): Promise<void> {
    await this.presence.leave(conn.participantId);
    await this.audit.record(caller, {
      action: 'visit.leave',
      entityType: 'encounter',
      entityId: conn.encounterId,
      outcome: 'allowed',
      detail: { participantId: conn.participantId, role: conn.viewer.role },
    });
    await this.bus.publish({ kind: 'visit', encounterId: conn.encounterId });
  }

  private async record(
    caller: Caller,
    row: VisitRow,
    viewer: Viewer,
    action: string,
    participantId: string,
    resumed: boolean,
  ) {
    await this.audit.record(caller, {
      action,
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
    });
  }
}
