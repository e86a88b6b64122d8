import { defineModule } from '../../lib/module.js';
import { opinionRoutes } from './routes.js';
import type { Kysely } from 'kysely';
import { CapabilityLinks, PHYSICIAN_UPLOAD_LINKS } from '../../lib/capability-links.js';
import type { Database } from '../../db/schema.js';
import type { Idempotency } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/index.js';
import type { FileStore } from '../files/index.js';
import type { JobService } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import { PhysicianLinks } from './links.js';
import { OpinionNotices } from './notices.js';
import { OpinionsRepository } from './repository.js';
import { OpinionsService } from './service.js';
import { OpinionTriage } from './triage.js';
import { UploadService } from './uploads.js';

export { checkContent, HEAD_BYTES, type CheckedContent } from './upload-checks.js';

/** Second opinions: requests, the care team's triage, physician links, and encrypted resumable uploads. */
export interface OpinionsModule {
  opinions: OpinionsService;
  triage: OpinionTriage;
  links: PhysicianLinks;
  uploads: UploadService;
  notices: OpinionNotices;
  files: FileStore;
}

export function createOpinions(deps: {
  db: Kysely<Database>;
  audit: AuditService;
  jobs: JobService;
  mail: MailService;
  files: FileStore;
  publicUrl: string;
  idempotency: Idempotency;
}): OpinionsModule {
  const repo = new OpinionsRepository(deps.db);
  const files = deps.files;
  const limits = { maxFileBytes: files.config.maxFileBytes, maxDicomBytes: files.config.maxDicomBytes };
  const opinions = new OpinionsService(
    repo,
    deps.audit,
    files,
    limits,
    deps.idempotency,
    new CapabilityLinks(PHYSICIAN_UPLOAD_LINKS, deps.db, deps.audit),
  );
  const notices = new OpinionNotices(repo, deps.mail, deps.jobs, deps.publicUrl);
  return {
    opinions,
    triage: new OpinionTriage(repo, opinions, notices, deps.audit),
    links: new PhysicianLinks(repo, opinions, deps.publicUrl, limits),
    uploads: new UploadService(repo, opinions, files, deps.audit, limits, deps.jobs),
    notices,
    files,
  };
}

declare module '../../lib/module.js' {
  interface Services {
    /** Second-opinion requests with encrypted, resumable record uploads. */
    opinions: OpinionsModule;
  }
}

/** Second opinions: requests, triage, physician links and encrypted, resumable record uploads. */
export const opinionsModule = defineModule({
  name: 'opinions',
  dependencies: ['audit', 'jobs', 'mail', 'idempotency', 'files'],
  services: ({ config, database, services: { audit, jobs, mail, idempotency, files } }) => ({
    opinions: createOpinions({ db: database.db, audit, jobs, mail, files, publicUrl: config.publicUrl, idempotency }),
  }),
  async register(app, { config }) {
    await app.register(opinionRoutes, { services: app.services, config });
  },
});
