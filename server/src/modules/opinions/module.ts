import type { Kysely } from 'kysely';
import type { FilesConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { Idempotency } from '../../lib/idempotency.js';
import type { AuditService } from '../audit/service.js';
import { FileStore } from '../files/store.js';
import type { JobService } from '../jobs/service.js';
import type { MailService } from '../mail/service.js';
import { PhysicianLinks } from './links.js';
import { OpinionNotices } from './notices.js';
import { OpinionsRepository } from './repository.js';
import { OpinionsService } from './service.js';
import { OpinionTriage } from './triage.js';
import { UploadService } from './uploads.js';

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
  files: FilesConfig;
  publicUrl: string;
  idempotency: Idempotency;
}): OpinionsModule {
  const repo = new OpinionsRepository(deps.db);
  const files = new FileStore(deps.files);
  const limits = { maxFileBytes: deps.files.maxFileBytes, maxDicomBytes: deps.files.maxDicomBytes };
  const opinions = new OpinionsService(repo, deps.audit, files, limits, deps.idempotency);
  const notices = new OpinionNotices(repo, deps.mail, deps.jobs, deps.publicUrl);
  return {
    opinions,
    triage: new OpinionTriage(repo, opinions, notices, deps.audit),
    links: new PhysicianLinks(repo, opinions, deps.audit, deps.publicUrl, limits),
    uploads: new UploadService(repo, opinions, files, deps.audit, limits, deps.jobs),
    notices,
    files,
  };
}
