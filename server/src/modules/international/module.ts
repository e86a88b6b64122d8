import type { Idempotency } from '../../lib/idempotency.js';
import type { Db } from './repository.js';
import type { AuditService } from '../audit/service.js';
import type { CardProcessor } from '../billing/processor.js';
import { DepositService } from './deposits.js';
import { DoctorLinkService } from './doctor-links.js';
import { EstimateRepository } from './estimate-repository.js';
import { EstimateService } from './estimates.js';
import { InternationalRepository } from './repository.js';
import { InternationalService } from './service.js';

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
}): InternationalModule {
  const repo = new InternationalRepository(deps.db);
  const center = new InternationalService(repo, deps.audit, deps.idempotency);
  const estimateRepo = new EstimateRepository(deps.db);
  const estimates = new EstimateService(estimateRepo, deps.audit);
  return {
    center,
    doctorLinks: new DoctorLinkService(repo, center, deps.audit, deps.publicUrl),
    estimates,
    deposits: new DepositService(estimateRepo, estimates, deps.processor, deps.audit),
  };
}
