#!/usr/bin/env node
// Builds the web app only when web/dist is missing or older than its sources, so a second
// `npm start` (or `npm run test:e2e`) does not wait for Vite.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const builtIndex = join(root, 'web/dist/index.html');
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'packages/contracts/src',
];

/**
 * The newest modification under `path` (files and directories, so a deleted file counts too).
 * @param {string} path
 * @returns {{ path: string, mtimeMs: number } | null}
 */
function newest(path) {
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
      if (entry === 'node_modules') continue;
      const candidate = newest(join(path, entry));
      if (candidate && candidate.mtimeMs > best.mtimeMs) best = candidate;
    }
  }
  return best;
}

/** @returns {number | null} */
function builtAt() {
  try {
    return statSync(builtIndex).mtimeMs;
  } catch {
    return null;
  }
}

const built = builtAt();
let reason = '';
if (built === null) {
  reason = 'web/dist/index.html is missing';
} else {
  for (const source of SOURCES) {
    const latest = newest(join(root, source));
    if (latest && latest.mtimeMs > built) {
      reason = `${relative(root, latest.path)} changed since the last build`;
      break;
    }
  }
}

if (reason === '') {
  console.log('Web app is up to date (web/dist is newer than its sources); not rebuilding.');
  process.exit(0);
}
console.log(`Building the web app: ${reason}.`);
const result = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: 'inherit' });
if (result.error || result.status !== 0) {
  console.error(`Building the web app failed (${result.error?.message ?? `exit code ${String(result.status)}`}).`);
  process.exit(1);
}
