import { defineModule } from '../../lib/module.js';
import { visitRoutes } from './routes.js';
import { visitSocketRoutes } from './socket.js';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import { CapabilityLinks, GUEST_LINKS } from '../../lib/capability-links.js';
import type { DatabaseHandle } from '../../db/client.js';
import type { AuditService } from '../audit/index.js';
import type { MailService } from '../mail/index.js';
import { LocalBus, sessionChannel, type VisitBus } from './bus.js';
import type { InvalidationChannel } from '../../lib/session.js';
import { PostgresBus, type BusLogger } from './bus-postgres.js';
import { LiveStateRepository } from './live-repository.js';
import { RedisBus } from './bus-redis.js';
import { GuestRepository } from './guest-repository.js';
import { GuestService } from './guests.js';
import { VisitHub } from './hub.js';
import { ParticipantService } from './participants.js';
import { PresenceRepository } from './presence-repository.js';
import { VisitRepository } from './repository.js';
import { VisitService } from './service.js';
import { VisitReader } from './visit-reader.js';
import { DelegateService } from './delegates.js';
import { DayQueue } from './day-queue.js';

export { iceConfig } from './turn.js';

export { VisitService } from './service.js';

export interface VisitsModule {
  visits: VisitService;
  /** The care team's day of visits. */
  dayQueue: DayQueue;
  delegates: DelegateService;
  guests: GuestService;
  participants: ParticipantService;
  presence: PresenceRepository;
  hub: VisitHub;
  bus: VisitBus;
  /** Session invalidations on the same bus, so every instance forgets a cached session look-up. */
  sessionInvalidations: InvalidationChannel;
  instanceId: string;
  join: ParticipantService['join'];
  leave: ParticipantService['leave'];
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Redis when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY on a PostgreSQL server, else (the
 * embedded database, one process) in-process delivery.
 */
function chooseBus(config: Config, database: DatabaseHandle, presence: PresenceRepository, log: BusLogger): VisitBus {
  if (config.redisUrl) return new RedisBus(config.redisUrl, log);
  if (database.url) return new PostgresBus(database.url, presence, log);
  return new LocalBus();
}

export function createVisits(deps: {
  config: Config;
  database: DatabaseHandle;
  audit: AuditService;
  mail: MailService;
  log: BusLogger;
}): VisitsModule {
  const { config, database, audit, mail, log } = deps;
  const instanceId = randomUUID();
  const repo = new VisitRepository(database.db);
  const presence = new PresenceRepository(database.db);
  const bus = chooseBus(config, database, presence, log);
  const reader = new VisitReader(repo, new LiveStateRepository(database.db));
  const visits = new VisitService(repo, presence, audit, bus, reader, instanceId);
  const delegates = new DelegateService(repo, audit);
  const guests = new GuestService(
    visits,
    repo,
    new GuestRepository(database.db),
    presence,
    mail,
    bus,
    config.publicUrl,
    new CapabilityLinks(GUEST_LINKS, database.db, audit),
  );
  const participants = new ParticipantService(presence, audit, bus, instanceId);
  const hub = new VisitHub(visits, presence, bus, instanceId, log);
  visits.useLocalFanOut((encounterId, read) => hub.refreshFrom(encounterId, read));
  return {
    visits,
    dayQueue: new DayQueue(repo, audit),
    delegates,
    guests,
    participants,
    presence,
    hub,
    bus,
    sessionInvalidations: sessionChannel(bus),
    instanceId,
    join: (...args) => participants.join(...args),
    leave: (...args) => participants.leave(...args),
    async start() {
      await bus.start();
      hub.start();
    },
    async close() {
      await hub.close();
      await bus.close();
    },
  };
}

declare module '../../lib/module.js' {
  interface Services {
    /** Video visits: the waiting room, participants, guests, delegates and the signaling hub. */
    visits: VisitsModule;
  }
}

/**
 * Video visits. An appointment that is cancelled or moved closes its visit (a listener on
 * scheduling); the signaling bus starts with the app and closes with it.
 */
export const visitsModule = defineModule({
  name: 'visits',
  dependencies: ['audit', 'mail', 'scheduling'],
  services({ config, database, log, services: { audit, mail, scheduling } }) {
    const visits = createVisits({ config, database, audit, mail, log });
    scheduling.onAppointmentChanged((appointmentId) => visits.visits.appointmentChanged(appointmentId));
    return { visits };
  },
  async register(app, { config }) {
    const { visits } = app.services;
    await app.register(visitRoutes, { services: app.services, config });
    await app.register(visitSocketRoutes, { services: app.services, config });
    await visits.start();
    app.addHook('onClose', async () => visits.close());
  },
});
