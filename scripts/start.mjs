#!/usr/bin/env node
// `npm start`: build the web app and compile the server only when their sources changed, then run
// the compiled server in this same process (plain JavaScript: no TypeScript compiler at start).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
for (const script of ['build-web-if-stale.mjs', 'build-server.mjs']) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.argv.splice(2, process.argv.length - 2, 'start');
await import(pathToFileURL(join(root, 'server/dist/main.js')).href);
