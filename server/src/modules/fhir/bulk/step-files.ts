import type { FileStore, RecordAppender } from '../../files/index.js';
import type { Resource } from '../resource.js';
import type { ExportFileRow, FileProgress } from './repository.js';

/** One file being appended to in this step. */
interface OpenFile {
  row: ExportFileRow;
  lines: number;
  appender: RecordAppender;
}

const stateOf = (row: ExportFileRow) => ({
  plainBytes: Number(row.plain_bytes),
  storedBytes: Number(row.stored_bytes),
  records: row.records,
});

/**
 * An export's NDJSON files during one committed step. A file is opened at its committed state on
 * its first line of the step, and only the files written to are closed (flushed and synced) and
 * committed at the step's end: a page without a single Coverage costs the Coverage file nothing.
 */
export class StepFiles {
  private readonly open = new Map<string, OpenFile>();

  constructor(
    private readonly files: FileStore,
    /** The export's files (by resource type) at their committed state. */
    private readonly rows: ReadonlyMap<string, ExportFileRow>,
  ) {}

  /**
   * Cuts every file back to its committed state (bytes a crashed runner wrote after its last
   * commit). Run once when a slice takes the export: a file this slice never writes again must
   * not keep them either.
   */
  static async cutToCommitted(files: FileStore, rows: ReadonlyMap<string, ExportFileRow>): Promise<void> {
    for (const row of rows.values()) {
      const appender = await files.exportAppender(row.file_id, row.wrapped_key, stateOf(row));
      await appender.close();
    }
  }

  /** Appends resources as NDJSON lines to their type's file (a type the export does not ask for has none). */
  async write(resources: readonly Resource[]): Promise<void> {
    const byType = new Map<string, string[]>();
    for (const r of resources) {
      if (!this.rows.has(r.resourceType)) continue;
      const lines = byType.get(r.resourceType);
      if (lines) lines.push(JSON.stringify(r));
      else byType.set(r.resourceType, [JSON.stringify(r)]);
    }
    for (const [type, lines] of byType) {
      const file = await this.file(type);
      if (!file) continue;
      await file.appender.write(Buffer.from(`${lines.join('\n')}\n`));
      file.lines += lines.length;
    }
  }

  private async file(type: string): Promise<OpenFile | undefined> {
    const hit = this.open.get(type);
    if (hit) return hit;
    const row = this.rows.get(type);
    if (!row) return undefined;
    const appender = await this.files.exportAppender(row.file_id, row.wrapped_key, stateOf(row));
    const file = { row, lines: row.line_count, appender };
    this.open.set(type, file);
    return file;
  }

  /** Seals, syncs and closes the files written in this step; their new state, to commit. */
  async close(): Promise<FileProgress[]> {
    const progress: FileProgress[] = [];
    for (const f of this.open.values()) {
      progress.push({ resourceType: f.row.resource_type, lines: f.lines, state: await f.appender.close() });
    }
    this.open.clear();
    return progress;
  }

  /** After a failed step: lets go of the open files (what they hold past the commit is cut off later). */
  async abandon(): Promise<void> {
    for (const f of this.open.values()) await f.appender.close().catch(() => undefined);
    this.open.clear();
  }
}
