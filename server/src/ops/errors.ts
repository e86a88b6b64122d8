/**
 * Why a backup or restore stopped. Like ConfigError, this belongs to the command line, not to
 * HTTP: the CLI prints the message and exits with a non-zero status; `code` is stable for scripts
 * and tests.
 */
export type OpsErrorCode =
  | 'backup_target_not_empty'
  | 'backup_not_found'
  | 'backup_checksum_mismatch'
  | 'backup_schema_newer'
  | 'restore_target_not_empty'
  | 'file_key_mismatch'
  | 'tool_failed'
  | 'database_unreachable'
  | 'usage';

export class OpsError extends Error {
  constructor(
    readonly code: OpsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OpsError';
  }
}
