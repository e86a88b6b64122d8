import type { Participant, ParticipantRole } from '@portico/contracts';

export type AnnouncementKind = 'joined' | 'left' | 'waiting' | 'admitted';

/** Something screen reader users hear in the call's polite live region. */
export interface Announcement {
  seq: number;
  kind: AnnouncementKind;
  name: string;
  role: ParticipantRole;
}

const key = (p: Pick<Participant, 'role' | 'name'>) => `${p.role}\u0000${p.name}`;

/**
 * Who arrived between two versions of the participant list. A person who only reconnected
 * (same id, or same name and role after a reload) is not announced again.
 */
export function arrivals(
  before: readonly Participant[],
  after: readonly Participant[],
  selfId: string | null,
  isHost: boolean,
): Omit<Announcement, 'seq'>[] {
  const out: Omit<Announcement, 'seq'>[] = [];
  const old = new Map(before.map((p) => [p.id, p]));
  const oldAdmitted = new Set(before.filter((p) => p.admitted).map(key));
  const oldWaiting = new Set(before.filter((p) => !p.admitted).map(key));
  for (const p of after) {
    if (p.id === selfId) continue;
    const previous = old.get(p.id);
    if (p.admitted && !previous?.admitted && !oldAdmitted.has(key(p))) {
      out.push({ kind: 'joined', name: p.name, role: p.role });
    } else if (!p.admitted && isHost && !previous && !oldWaiting.has(key(p))) {
      out.push({ kind: 'waiting', name: p.name, role: p.role });
    }
  }
  return out;
}

/** Admitted others to connect to, and the ones we should close at once (replaced by a reload). */
export function meshPlan(
  participants: readonly Participant[],
  selfId: string,
  connected: ReadonlyMap<string, { name: string; role: ParticipantRole }>,
): { connect: string[]; gone: string[]; replaced: string[] } {
  const admitted = participants.filter((p) => p.admitted && p.id !== selfId);
  const ids = new Set(admitted.map((p) => p.id));
  const present = new Set(admitted.map(key));
  const gone: string[] = [];
  const replaced: string[] = [];
  for (const [id, who] of connected) {
    if (ids.has(id)) continue;
    if (present.has(key(who))) replaced.push(id);
    else gone.push(id);
  }
  return { connect: admitted.map((p) => p.id), gone, replaced };
}
