import type { Kysely } from 'kysely';
import type { AuditConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { chainHead } from './chain.js';
import { writeCheckpoint } from './checkpoint.js';
import { verifyAuditChain } from './verify.js';

/** The durable job that signs a checkpoint (enqueued every PORTICO_AUDIT_CHECKPOINT_MINUTES). */
export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

/** Signs the chain's current head into the checkpoint file. */
export async function checkpointNow(db: Kysely<Database>, config: AuditConfig): Promise<string> {
  const c = await writeCheckpoint(config, await chainHead(db));
  return `Audit checkpoint signed at row ${c.seq} (key ${c.keyId}) in ${config.checkpointFile}.\n`;
}

/** `npm run audit:verify`: 0 when the chain and every checkpoint hold, 1 naming the first broken row. */
export async function auditVerifyCommand(
  db: Kysely<Database>,
  config: AuditConfig,
  out: { write(text: string): unknown },
): Promise<number> {
  const r = await verifyAuditChain(db, config);
  const summary =
    `${r.checked} chained audit rows checked (head at row ${r.headSeq}), ${r.legacyRows} from before the chain, ` +
    `${r.checkpoints.verified} of ${r.checkpoints.total} signed checkpoints verified.\n`;
  if (r.ok) {
    out.write(`Audit chain intact: ${summary}`);
    return 0;
  }
  const b = r.broken;
  const where = b?.id ? `row ${b.seq ?? '(none)'} (id ${b.id})` : `row ${b?.seq ?? '?'}`;
  out.write(`AUDIT CHAIN BROKEN at ${where}: ${b?.reason ?? 'unknown'}.\n${summary}`);
  return 1;
}
