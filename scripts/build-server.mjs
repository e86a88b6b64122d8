#!/usr/bin/env node
// Compiles the server to one ES module, server/dist/main.js (plus the embedded database's worker,
// server/dist/pglite-worker.js), so production (and `npm start`)
// runs plain JavaScript with `node` instead of transpiling TypeScript at every start.
// `--if-stale` skips the build when server/dist is newer than every server and contracts source.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { staleReason } from './lib/stale.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const OUTPUT = 'server/dist/main.js';
const SOURCES = ['server/src', 'server/package.json', 'packages/contracts/src', 'scripts/build-server.mjs'];

const ifStale = process.argv.includes('--if-stale');
const reason = staleReason(root, OUTPUT, SOURCES);
if (ifStale && reason === '') {
  console.log('Server is up to date (server/dist is newer than its sources); not rebuilding.');
  process.exit(0);
}
console.log(`Compiling the server${reason ? `: ${reason}` : ''}.`);

// Installed packages stay in node_modules; our own workspace packages (TypeScript source) are bundled.
/** @type {{ dependencies?: Record<string, string> }} */
const manifest = JSON.parse(readFileSync(join(root, 'server/package.json'), 'utf8'));
const external = Object.keys(manifest.dependencies ?? {}).filter((name) => !name.startsWith('@portico/'));

const started = Date.now();
rmSync(join(root, 'server/dist'), { recursive: true, force: true });
await build({
  // The embedded database runs in a worker thread; its entry is found next to main.js at run time.
  entryPoints: {
    main: join(root, 'server/src/main.ts'),
    'pglite-worker': join(root, 'server/src/db/pglite-worker.ts'),
  },
  outdir: join(root, 'server/dist'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(); give the ES module bundle one.
  banner: {
    js: "import { createRequire as __portico_require } from 'node:module'; const require = __portico_require(import.meta.url);",
  },
});
// Migrations are read from disk next to the code that applies them.
cpSync(join(root, 'server/src/db/migrations'), join(root, 'server/dist/migrations'), { recursive: true });
console.log(`Compiled ${OUTPUT} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

// A migrated, empty embedded database: a new data folder starts from it instead of from initdb.
const templateStarted = Date.now();
const made = spawnSync(
  process.execPath,
  [join(root, OUTPUT), 'template', join(root, 'server/dist/pglite-template.tgz')],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORTICO_LOG_LEVEL: 'warn' },
  },
);
if (made.status !== 0) {
  // Remove the half-built output so the next start builds again instead of trusting it.
  rmSync(join(root, 'server/dist'), { recursive: true, force: true });
  console.error('Making the embedded database template failed.');
  process.exit(1);
}
console.log(`Made the embedded database template in ${((Date.now() - templateStarted) / 1000).toFixed(1)} s.`);
