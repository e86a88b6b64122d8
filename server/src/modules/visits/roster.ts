/**
 * Who is admitted in each visit, as this instance last read it from the database, so relaying a
 * signaling message reads nothing. Every change to a visit's roster (join, admit, leave, removal,
 * end) is announced on the bus ("visit" or "kick"), on every instance; the hub then forgets that
 * visit here and the next look-up reads it again (or a refresh fills it from the view it just
 * read). A look-up that does not find the target admitted reads the database before refusing, so
 * an admission whose event has not arrived yet is never refused; only "admitted" is ever trusted
 * from memory, and only until the next event about that visit.
 */
export class AdmittedRoster {
  /** encounter id → the admitted participant ids, read (or being read) since the last change. */
  private readonly visits = new Map<string, Promise<ReadonlySet<string>>>();
  /** Counts changes; `changedAt` holds, per visit, the count at its last change since the last sweep. */
  private changes = 0;
  private readonly changedAt = new Map<string, number>();
  /** Marks older than the last sweep are no longer trusted (their visits' entries are gone). */
  private sweptAt = 0;

  constructor(private readonly read: (encounterId: string) => Promise<ReadonlySet<string>>) {}

  get size(): number {
    return this.visits.size;
  }

  /** The visit's roster changed (an event on the bus): read it again next time. */
  forget(encounterId: string): void {
    this.visits.delete(encounterId);
    this.changedAt.set(encounterId, ++this.changes);
  }

  /** Keeps the change marks from growing for ever (run now and then, e.g. on the heartbeat). */
  sweep(): void {
    this.sweptAt = this.changes;
    this.changedAt.clear();
  }

  /** A mark to pass to `fill`, taken before reading the roster some other way. */
  mark(): number {
    return this.changes;
  }

  private changedSince(encounterId: string, mark: number): boolean {
    return mark < this.sweptAt || (this.changedAt.get(encounterId) ?? 0) > mark;
  }

  /** Stores a roster read elsewhere (a visit view), unless the visit changed since `mark`. */
  fill(encounterId: string, mark: number, admitted: Iterable<string>): void {
    if (this.changedSince(encounterId, mark)) return;
    this.visits.set(encounterId, Promise.resolve(new Set(admitted)));
  }

  private load(encounterId: string): Promise<ReadonlySet<string>> {
    const loading = this.read(encounterId);
    this.visits.set(encounterId, loading);
    // A change while reading removed the entry (forget), so what was read is never kept.
    loading.catch(() => {
      if (this.visits.get(encounterId) === loading) this.visits.delete(encounterId);
    });
    return loading;
  }

  /** Whether the participant is admitted in that visit; a "no" from memory is checked in the database. */
  async isAdmitted(encounterId: string, participantId: string): Promise<boolean> {
    const mark = this.mark();
    const known = this.visits.get(encounterId);
    if (known && (await known).has(participantId) && !this.changedSince(encounterId, mark)) return true;
    return (await this.load(encounterId)).has(participantId);
  }
}
