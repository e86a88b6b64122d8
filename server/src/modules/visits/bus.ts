import type { MediaState, SignalData } from '@portico/contracts';
import type { InvalidationChannel, SessionInvalidation } from '../../lib/session.js';

/** What one server instance tells all instances (itself included) about live visits. */
export type BusEvent =
  /** Something about the visit changed: every instance re-sends the visit to its own sockets there. */
  | {
      kind: 'visit';
      encounterId: string;
      /** The instance that re-sends the visit to its own sockets itself (a join there) skips it. */
      exceptInstance?: string;
    }
  | { kind: 'signal'; encounterId: string; from: string; to: string; data: SignalData }
  | { kind: 'media'; encounterId: string; from: string; state: MediaState }
  /** Close one participant's socket wherever it is (revoked guest, replaced connection). */
  | {
      kind: 'kick';
      encounterId: string;
      participantId: string;
      reason: 'removed' | 'replaced' | 'visit_ended' | 'cancelled';
      /** The instance that just took this participant back (a resumed connection) keeps it. */
      exceptInstance?: string;
    }
  /** A cached session look-up to forget on every instance (not about a visit: the bus is the app's fan-out). */
  | { kind: 'sessions'; forget: SessionInvalidation };

export interface VisitBus {
  readonly name: 'local' | 'postgres' | 'redis';
  publish(event: BusEvent): Promise<void>;
  subscribe(handler: (event: BusEvent) => void): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const BUS_CHANNEL = 'portico_visits';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Messages on the shared channel come from our own instances, but are still checked before use. */
export function parseBusEvent(text: string): BusEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value['kind'] === 'sessions') {
    const forget = value['forget'];
    if (!isRecord(forget)) return null;
    if (typeof forget['sessionId'] === 'string')
      return { kind: 'sessions', forget: { sessionId: forget['sessionId'] } };
    if (typeof forget['userId'] === 'string') return { kind: 'sessions', forget: { userId: forget['userId'] } };
    return null;
  }
  if (typeof value['encounterId'] !== 'string') return null;
  switch (value['kind']) {
    case 'visit':
    case 'signal':
    case 'media':
    case 'kick':
      return value as unknown as BusEvent;
    default:
      return null;
  }
}

/** One process: events go straight to the subscribers (the embedded-database default). */
export class LocalBus implements VisitBus {
  readonly name = 'local' as const;
  private handlers: ((event: BusEvent) => void)[] = [];

  async publish(event: BusEvent): Promise<void> {
    // Same shape as the networked buses: delivered later, never inside the publisher's call.
    const copy = JSON.parse(JSON.stringify(event)) as BusEvent;
    setImmediate(() => this.handlers.forEach((h) => h(copy)));
  }

  subscribe(handler: (event: BusEvent) => void): void {
    this.handlers.push(handler);
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.handlers = [];
  }
}

/** The session-invalidation side of a bus, for the identity module's session cache. */
export function sessionChannel(bus: VisitBus): InvalidationChannel {
  return {
    publish: (forget) => bus.publish({ kind: 'sessions', forget }),
    subscribe: (handler) =>
      bus.subscribe((event) => {
        if (event.kind === 'sessions') handler(event.forget);
      }),
  };
}
