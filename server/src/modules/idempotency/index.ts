import { Idempotency, PURGE_JOB } from '../../lib/idempotency.js';
import { defineModule } from '../../lib/module.js';

declare module '../../lib/module.js' {
  interface Services {
    /** Stored answers of retry-safe creates (Idempotency-Key). */
    idempotency: Idempotency;
  }
}

/**
 * Wires the Idempotency-Key store (lib/idempotency.ts, docs/decisions/0020): a replayed answer is
 * audited, and an hourly job forgets answers past their lifetime.
 */
export const idempotencyModule = defineModule({
  name: 'idempotency',
  dependencies: ['audit', 'jobs'],
  services({ database, services: { audit, jobs } }) {
    const idempotency = new Idempotency(database.db, {
      onReplay: (caller, operation) =>
        audit.record(caller, {
          action: 'idempotent.replay',
          entityType: 'IdempotentRequest',
          patientId: caller.actingForPatientId,
          outcome: 'allowed',
          detail: { operation },
        }),
    });
    // Stored answers to retried creates are kept a day (docs/decisions/0020).
    jobs.every('hour', PURGE_JOB, 'idempotency-purge');
    jobs.register(PURGE_JOB, async () => void (await idempotency.purgeExpired()));
    return { idempotency };
  },
});
