import type { VisitView } from '@portico/contracts';
import type { Viewer } from './access.js';
import { sql } from 'kysely';
import { liveColumn, liveState, type LiveStateRepository } from './live-repository.js';
import type { VisitRepository, VisitRow } from './repository.js';
import { visitView, type LiveContext, type VisitSnapshot } from './views.js';

/** Reads a visit's live state and makes each participant's view of it. */
export class VisitReader {
  constructor(
    private readonly repo: VisitRepository,
    private readonly liveState: LiveStateRepository,
  ) {}

  /** The visit as one participant sees it right now. */
  async render(row: VisitRow, viewer: Viewer, now = new Date()): Promise<VisitView> {
    return visitView(row, viewer, { ...(await this.live(row)), now });
  }

  /**
   * What every participant's view of a visit is built from, read once for all of them (the hub
   * re-sends a visit to each of its sockets: one read, a view per viewer). Null when it is gone.
   */
  async snapshot(appointmentId: string): Promise<VisitSnapshot | null> {
    // One statement: the row, and its live state computed from the row's own columns.
    const found = await this.repo.visitAndLive(appointmentId, liveColumn(sql.ref('e.id'), sql.ref('a.clinician_id')));
    if (!found) return null;
    const { live, ...row } = found;
    return { row, live: liveState(live) };
  }

  /** One participant's view of a snapshot. */
  viewOf(snapshot: VisitSnapshot, viewer: Viewer, now = new Date()): VisitView {
    return visitView(snapshot.row, viewer, { ...snapshot.live, now });
  }

  async renderById(appointmentId: string, viewer: Viewer): Promise<VisitView | null> {
    const snapshot = await this.snapshot(appointmentId);
    return snapshot ? this.viewOf(snapshot, viewer) : null;
  }

  private live(row: VisitRow): Promise<Omit<LiveContext, 'now'>> {
    return this.liveState.read(row.encounter_id, row.clinician_id);
  }
}
