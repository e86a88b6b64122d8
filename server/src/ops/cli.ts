import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { backup } from './backup.js';
import { OpsError } from './errors.js';
import { restore } from './restore.js';

/**
 * `backup <folder>` and `restore <folder>` for main.ts: prints what happened and returns the exit
 * status (0 done, 1 refused or failed — the message says why, and nothing half-done is left behind).
 */
export async function runOpsCommand(command: 'backup' | 'restore', args: string[], config: Config): Promise<number> {
  const folder = args[0];
  const out = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (!folder) throw new OpsError('usage', `Usage: npm run ${command} -- <folder>`);
    const where = resolve(folder);
    if (command === 'backup') {
      const { manifest, notes } = await backup(config, where);
      const bytes = manifest.entries.reduce((n, e) => n + e.bytes, 0);
      out(
        `Backup written to ${where}: ${manifest.engine} schema ${manifest.schemaName}, ${manifest.entries.length - 1} stored file(s), ${(bytes / 1e6).toFixed(1)} MB (database ${manifest.timings.databaseMs} ms, files ${manifest.timings.filesMs} ms).`,
      );
      notes.forEach((n) => out(`Note: ${n}`));
    } else {
      const { manifest, files, notes } = await restore(config, where);
      out(
        `Restored the backup of ${manifest.createdAt} (${manifest.engine}, schema ${manifest.schemaName}) and ${files} stored file(s); checksums verified. Start Portico to migrate it forward if needed.`,
      );
      notes.forEach((n) => out(`Note: ${n}`));
    }
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${command} failed${err instanceof OpsError ? ` (${err.code})` : ''}: ${message}\n`);
    return 1;
  }
}
