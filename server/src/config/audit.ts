import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inMemory, int, str, type Env } from './env.js';

export interface AuditConfig {
  /** Ed25519 private key (PEM) that signs checkpoints; outside the database and the data folder. */
  signingKeyFile: string;
  /** Signed checkpoints, one JSON line each, appended. */
  checkpointFile: string;
  /** How often a checkpoint is written (by whichever process runs the job first). */
  checkpointMinutes: number;
  /** Refusals of one address without a session audited row by row per minute; past it, one summary row (0: every one). */
  anonymousRefusalsPerMinute: number;
}

/**
 * Signed checkpoints of the audit chain (docs/decisions/0027). The signing key lives in the
 * operator's own config folder by default, not beside the data or the database it vouches for
 * (a copy of the data folder must not be able to forge checkpoints).
 */
export function auditConfig(env: Env): AuditConfig {
  const memory = inMemory(env);
  const scratch = join(tmpdir(), `portico-audit-${process.pid}`);
  const keyFile = str(
    env,
    'PORTICO_AUDIT_SIGNING_KEY_FILE',
    memory ? join(scratch, 'audit-signing-key.pem') : join(homedir(), '.config', 'portico', 'audit-signing-key.pem'),
  );
  return {
    signingKeyFile: resolve(keyFile),
    checkpointFile: resolve(
      str(
        env,
        'PORTICO_AUDIT_CHECKPOINT_FILE',
        memory ? join(scratch, 'audit-checkpoints.jsonl') : './data/audit-checkpoints.jsonl',
      ),
    ),
    checkpointMinutes: int(env, 'PORTICO_AUDIT_CHECKPOINT_MINUTES', 60, 1, 24 * 60),
    anonymousRefusalsPerMinute: int(env, 'PORTICO_AUDIT_ANONYMOUS_REFUSALS_PER_MINUTE', 60, 0, 1_000_000),
  };
}
