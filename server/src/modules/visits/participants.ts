import type { Caller } from '../../lib/caller.js';
import { GroupCommit } from '../../lib/group-commit.js';
import type { AuditEntry, AuditService } from '../audit/index.js';
import type { Viewer } from './access.js';
import type { VisitBus } from './bus.js';
import type { Connection } from './hub.js';
import type { PresenceRepository } from './presence-repository.js';
import type { ParticipantRow, VisitRow } from './repository.js';

/** One socket asking to join a visit's call. */
interface JoinRequest {
  row: VisitRow;
  viewer: Viewer;
  caller: Caller;
  resumeId: string | undefined;
}

interface Joined {
  participant: ParticipantRow;
  /** The connection taken back (a socket reconnecting with its id), if any. */
  resumed: ParticipantRow | undefined;
  /** Earlier live connections of the same person, replaced by this one. */
  replaced: string[];
}

/** Joins written by one transaction at most. */
const MAX_JOINS = 50;

/** Joining and leaving a visit's call, with one live connection per person. */
export class ParticipantService {
  /**
   * Joins are written in groups (decision 0060): sockets that ask while a group's transaction
   * runs are written together by the next — their roster changes, then their audit rows in one
   * append — so a burst of joins (the hour's visits opening at once) costs a transaction per
   * group, not per socket. A lone join is written at once.
   */
  readonly #joins = new GroupCommit<JoinRequest, Joined>((requests) => this.#write(requests), MAX_JOINS);

  constructor(
    private readonly presence: PresenceRepository,
    private readonly audit: AuditService,
    private readonly bus: VisitBus,
    private readonly instanceId: string,
  ) {}

  async join(row: VisitRow, viewer: Viewer, caller: Caller, resumeId: string | undefined): Promise<ParticipantRow> {
    // The roster change and its audit row commit together (decision 0027); the other connections
    // are told only after, so no one is kicked for a join that was not kept.
    const { participant, resumed, replaced } = await this.#joins.add({ row, viewer, caller, resumeId });
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

  /** Writes a group of joins in one transaction, in the order they asked. */
  #write(requests: readonly JoinRequest[]): Promise<Joined[]> {
    return this.presence.transaction(async (presence, trx) => {
      const joined: Joined[] = [];
      const rows: { caller: Caller; entry: AuditEntry }[] = [];
      for (const request of requests) {
        const one = await this.#joinOne(presence, request);
        joined.push(one);
        rows.push({ caller: request.caller, entry: joinEntry(request, one) });
      }
      await this.audit.recordAll(rows, trx);
      return joined;
    });
  }

  async #joinOne(presence: PresenceRepository, { row, viewer, resumeId }: JoinRequest): Promise<Joined> {
    const who = { userId: viewer.userId, guestId: viewer.guestId };
    const taken = resumeId ? await presence.resume(resumeId, row.encounter_id, this.instanceId, who) : undefined;
    if (taken) return { participant: taken, resumed: taken, replaced: [] };
    // One statement: a second tab or a reload replaces the earlier connection of the same
    // person, and a reload or network drop rejoins without waiting to be let in again.
    const { joined, replaced } = await presence.join(
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
    );
    return { participant: joined, resumed: undefined, replaced };
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
}

/** A join's audit row (written as the last write of its group's transaction). */
function joinEntry({ row, viewer }: JoinRequest, joined: Joined): AuditEntry {
  return {
    action: 'visit.join',
    entityType: 'encounter',
    entityId: row.encounter_id,
    patientId: row.patient_id,
    outcome: 'allowed',
    detail: {
      participantId: joined.participant.id,
      role: viewer.role,
      resumed: joined.resumed !== undefined,
      ...(viewer.guestId ? { guestId: viewer.guestId } : {}),
    },
  };
}
