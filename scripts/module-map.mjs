#!/usr/bin/env node
// Draws docs/module-map.svg from the code: dependency-cruiser reads server/src, collapses each
// file to its layer or module (modules/<domain>, lib, db, plugins, ...), and @viz-js/viz renders
// the graph (Graphviz compiled to WebAssembly, so no system `dot` is needed).
// Run with `npm run docs:modules` after adding a module or changing who imports whom.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instance } from '@viz-js/viz';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'docs', 'module-map.svg');

// Only the modules are drawn: every module may use the lower layers (lib, db, plugins, config),
// and the start-up files (main.ts, app.ts, modules.ts) list them all, so those edges say nothing.
// Tests, the demo seed and ops commands are left out too.
const cruise = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
    'server/src',
    '--config',
    '.dependency-cruiser.cjs',
    '--include-only',
    '^server/src/',
    '--exclude',
    '(\\.test\\.ts$|^server/src/(demo|ops|lib|db|plugins|i18n|config)/|^server/src/[^/]+\\.ts$)',
    '--collapse',
    '^server/src/(modules/[^/]+|[^/]+)',
    '--output-type',
    'dot',
  ],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
if (cruise.status !== 0) {
  console.error(cruise.stderr || cruise.stdout);
  process.exit(1);
}
// Shorter labels: "modules/billing" reads better as "billing"; external packages are not drawn.
const dot = cruise.stdout
  .replace(/"server\/src\/modules\/([^"]+)"/g, '"$1"')
  .replace(/"server\/src\/([^"]+)"/g, '"$1"');

const viz = await instance();
const svg = viz.renderString(dot, { format: 'svg', engine: 'dot' });
writeFileSync(out, svg);
console.log(`Wrote ${out} (${Math.round(svg.length / 1024)} KB).`);
