import { randomUUID } from 'node:crypto';
import { mkdir, statfs, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Folder {
  /** What the folder holds, for messages: "database", "files". */
  name: string;
  path: string;
}

/**
 * Problems that stop a folder taking writes: less free space than `minFreeBytes`, or a write that
 * fails (read-only, permissions, full). Empty when the folder is fine. Messages name the folder's
 * role and free space only, so they are safe for /readyz.
 */
export async function folderProblems(folder: Folder, minFreeBytes: number): Promise<string[]> {
  const problems: string[] = [];
  try {
    await mkdir(folder.path, { recursive: true });
    const stats = await statfs(folder.path);
    const free = stats.bavail * stats.bsize;
    if (free < minFreeBytes) {
      problems.push(
        `${folder.name} folder: ${Math.floor(free / 1048576)} MiB free, below the ${Math.floor(minFreeBytes / 1048576)} MiB minimum`,
      );
    }
    const probe = join(folder.path, `.portico-write-check-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'error';
    problems.push(`${folder.name} folder: cannot write (${code})`);
  }
  return problems;
}
