#!/usr/bin/env node
// `npm run lint`: every check, in two lanes at once (each check is single-threaded, and CI has
// two cores). Each check's output is printed whole when it ends; the exit code is non-zero when
// any check failed, and every failing check is named at the end.
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Lanes run side by side; the checks of one lane run one after another. */
const LANES = [
  [['eslint', 'npx', ['eslint', '.', '--max-warnings=0']]],
  [
    ['dependency cycles and layers', 'npm', ['run', 'lint:cycles', '--silent']],
    ['formatting', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
    ['catalogs', 'node', ['scripts/check-catalogs.mjs']],
    ['types', 'npm', ['run', 'typecheck', '--silent']],
  ],
];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const finish = (ok, extra = '') => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n--- ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s\n`);
      const text = Buffer.concat(output).toString() + extra;
      if (text.trim()) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      resolve(ok ? null : name);
    };
    child.on('error', (err) => finish(false, `could not start ${command}: ${err.message}\n`));
    child.on('close', (code) => finish(code === 0));
  });
}

async function lane(checks) {
  const failed = [];
  for (const check of checks) {
    const name = await run(check);
    if (name) failed.push(name);
  }
  return failed;
}

const failed = (await Promise.all(LANES.map(lane))).flat();
if (failed.length > 0) {
  process.stderr.write(`\nLint failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('\nAll lint checks passed.\n');
