import { defineModule } from '../../lib/module.js';
import { internationalDoctorRoutes } from './doctor-routes.js';
import { internationalEstimateRoutes } from './estimate-routes.js';
import { internationalRoutes } from './routes.js';
import { CapabilityLinks, DOCTOR_LINKS } from '../../lib/capability-links.js';
import type { Idempotency } from '../../lib/idempotency.js';
import type { Db } from './repository.js';
import type { AuditService } from '../audit/index.js';
import type { CardProcessor } from '../billing/index.js';
import { DepositService } from './deposits.js';
import { DoctorLinkService } from './doctor-links.js';
import { EstimateRepository } from './estimate-repository.js';
import { EstimateService } from './estimates.js';
import { InternationalRepository } from './repository.js';
import { InternationalService, type LetterFiles } from './service.js';

/** The international patient center's services, wired once per app. */
export interface InternationalModule {
  center: InternationalService;
  doctorLinks: DoctorLinkService;
  estimates: EstimateService;
  deposits: DepositService;
}

export function createInternational(deps: {
  db: Db;
  audit: AuditService;
  processor: CardProcessor | null;
  publicUrl: string;
  idempotency: Idempotency;
  files: LetterFiles;
}): InternationalModule {
  const repo = new InternationalRepository(deps.db);
  const center = new InternationalService(repo, deps.audit, deps.idempotency, deps.files);
  const estimateRepo = new EstimateRepository(deps.db);
  const estimates = new EstimateService(estimateRepo, deps.audit);
  return {
    center,
    doctorLinks: new DoctorLinkService(
      repo,
      center,
      new CapabilityLinks(DOCTOR_LINKS, deps.db, deps.audit),
      deps.publicUrl,
    ),
    estimates,
    deposits: new DepositService(estimateRepo, estimates, deps.processor, deps.audit),
  };
}

declare module '../../lib/module.js' {
  interface Services {
    /** International patient center: profiles, requests, doctor links, estimates and deposits. */
    international: InternationalModule;
  }
}

/** The international patient center: profiles, requests, doctor links, estimates and deposits. */
export const internationalModule = defineModule({
  name: 'international',
  dependencies: ['audit', 'billing', 'idempotency', 'files'],
  services: ({ config, database, services: { audit, cardProcessor, idempotency, files } }) => ({
    international: createInternational({
      db: database.db,
      audit,
      processor: cardProcessor,
      publicUrl: config.publicUrl,
      idempotency,
      files,
    }),
  }),
  async register(app, { config }) {
    await app.register(internationalRoutes, { services: app.services, config });
    await app.register(internationalDoctorRoutes, { services: app.services, config });
    await app.register(internationalEstimateRoutes, { services: app.services, config });
  },
});
