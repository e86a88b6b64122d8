#!/usr/bin/env node
// Builds the web app only when web/dist is missing or older than its sources, so a second
// `npm start` (or `npm run test:e2e`) does not wait for Vite.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason } from './lib/stale.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'packages/contracts/src',
];

const reason = staleReason(root, 'web/dist/index.html', SOURCES);

if (reason === '') {
  console.log('Web app is up to date (web/dist is newer than its sources); not rebuilding.');
  process.exit(0);
}
console.log(`Building the web app: ${reason}.`);
// Always the production bundle: started from a test runner (NODE_ENV=test) or a shell with
// NODE_ENV=development, Vite would build React's development runtime (double effects, jsxDEV).
const result = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
if (result.error || result.status !== 0) {
  console.error(`Building the web app failed (${result.error?.message ?? `exit code ${String(result.status)}`}).`);
  process.exit(1);
}
