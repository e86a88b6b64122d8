// Shared by the build scripts: is an output older than any of its sources?
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The newest modification under `path` (files and directories, so a deleted file counts too).
 * @param {string} path
 * @returns {{ path: string, mtimeMs: number } | null}
 */
export function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return null;
  }
  /** @type {{ path: string, mtimeMs: number }} */
  let best = { path, mtimeMs: stat.mtimeMs };
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      const candidate = newest(join(path, entry));
      if (candidate && candidate.mtimeMs > best.mtimeMs) best = candidate;
    }
  }
  return best;
}

/**
 * Why `output` must be rebuilt from `sources` (paths relative to `root`), or '' when it is current.
 * @param {string} root
 * @param {string} output
 * @param {string[]} sources
 * @returns {string}
 */
export function staleReason(root, output, sources) {
  let built;
  try {
    built = statSync(join(root, output)).mtimeMs;
  } catch {
    return `${output} is missing`;
  }
  for (const source of sources) {
    const latest = newest(join(root, source));
    if (latest && latest.mtimeMs > built) return `${relative(root, latest.path)} changed since the last build`;
  }
  return '';
}
