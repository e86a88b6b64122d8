import { defineModule } from '../../lib/module.js';
import { AuditRepository } from './repository.js';
import { AuditService } from './service.js';

export { AuditService } from './service.js';

declare module '../../lib/module.js' {
  interface Services {
    /** Appends and searches the audit trail (every access to patient data). */
    audit: AuditService;
  }
}

/** The audit trail: every other module records through it. */
export const auditModule = defineModule({
  name: 'audit',
  dependencies: [],
  services: ({ database }) => ({ audit: new AuditService(new AuditRepository(database.db)) }),
});
