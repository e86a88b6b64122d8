#!/usr/bin/env node
// Runs a Portico command (start, migrate, seed, backup, restore) from the compiled server:
// `node scripts/server.mjs start`. Builds the web app (for start) and compiles the server only when
// their sources changed, then runs server/dist/main.js in this same process — plain JavaScript,
// no TypeScript compiler at start, and signals reach Portico directly.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const command = process.argv[2] ?? 'start';
const builds = command === 'start' ? ['build-web-if-stale.mjs', 'build-server.mjs'] : ['build-server.mjs'];
for (const script of builds) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), '--if-stale'], {
    cwd: root,
    // Build chatter goes to stderr, so a command's own output (e.g. a backup's summary) stays clean.
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.argv.splice(2, 1, command);
await import(pathToFileURL(join(root, 'server/dist/main.js')).href);
