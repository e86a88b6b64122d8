import type { VisitView } from '@portico/contracts';
import type { Viewer } from './access.js';
import type { LiveStateRepository } from './live-repository.js';
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
    const row = await this.repo.visit(appointmentId);
    return row ? { row, live: await this.live(row) } : null;
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
