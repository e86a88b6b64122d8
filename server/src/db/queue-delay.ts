/**
 * How long queries have been waiting for a database connection, CoDel style: the smallest wait
 * seen in each window. A burst makes a few waits long; a queue that never drains makes even the
 * shortest wait long — that standing queue is the signal to turn new requests away.
 */
export class QueueDelay {
  #windowStart = Date.now();
  #windowMin = Number.POSITIVE_INFINITY;
  #lastMin = 0;

  constructor(private readonly windowMs = 500) {}

  /** Records one wait for a connection, in milliseconds. */
  record(waitMs: number): void {
    this.#roll();
    if (waitMs < this.#windowMin) this.#windowMin = waitMs;
  }

  /** The shortest wait in the last complete window (0 when nothing waited, or it is idle). */
  standingMs(): number {
    this.#roll();
    return this.#lastMin;
  }

  #roll(): void {
    const now = Date.now();
    if (now - this.#windowStart < this.windowMs) return;
    // A window with no queries, or more than one window ago, means no standing queue.
    const stale = now - this.#windowStart >= 2 * this.windowMs;
    this.#lastMin = stale || this.#windowMin === Number.POSITIVE_INFINITY ? 0 : this.#windowMin;
    this.#windowMin = Number.POSITIVE_INFINITY;
    this.#windowStart = now;
  }
}
