import { defineModule } from '../../lib/module.js';
import { AuditRepository } from './repository.js';
import { AuditService } from './service.js';
import { AUDIT_CHECKPOINT_JOB, checkpointNow } from './cli.js';

export { AuditService } from './service.js';
export type { AuditEntry, AuditOutcome } from './service.js';
export { auditCsv } from './report.js';
export { AUDIT_CHECKPOINT_JOB } from './cli.js';

declare module '../../lib/module.js' {
  interface Services {
    /** Appends and searches the audit trail (every access to patient data). */
    audit: AuditService;
  }
}

/** The audit trail: every other module records through it. */
export const auditModule = defineModule({
  name: 'audit',
  dependencies: ['jobs'],
  services({ config, database, services: { jobs } }) {
    // A signed checkpoint of the hash chain every PORTICO_AUDIT_CHECKPOINT_MINUTES, by whichever
    // process gets there first (docs/decisions/0027).
    jobs.register(AUDIT_CHECKPOINT_JOB, async () => void (await checkpointNow(database.db, config.audit)));
    jobs.every({ minutes: config.audit.checkpointMinutes }, AUDIT_CHECKPOINT_JOB, 'audit-checkpoint');
    return { audit: new AuditService(new AuditRepository(database.db)) };
  },
});
