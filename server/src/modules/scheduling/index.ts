import { defineModule } from '../../lib/module.js';
import { SchedulingRepository } from './repository.js';
import { schedulingRoutes } from './routes.js';
import { createScheduling, type SchedulingServices } from './service.js';

export * from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    /** Availability, booking, appointment reads, requests and schedule management. */
    scheduling: SchedulingServices;
  }
}

/** Appointments: open slots, booking, requests, reminders and clinicians' schedules. */
export const schedulingModule = defineModule({
  name: 'scheduling',
  dependencies: ['audit', 'jobs', 'mail', 'idempotency'],
  services: ({ config, database, services: { audit, jobs, mail, idempotency } }) => ({
    scheduling: createScheduling({
      repo: new SchedulingRepository(database.db),
      jobs,
      audit,
      mail,
      publicUrl: config.publicUrl,
      idempotency,
    }),
  }),
  async register(app, { config }) {
    await app.register(schedulingRoutes, { services: app.services, config });
  },
});
