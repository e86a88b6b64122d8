#!/usr/bin/env node
// Makes sure a Chromium is available for the end-to-end tests, installing Debian's package when we
// can (root on Debian/Ubuntu, e.g. in CI). `npx playwright install` is not used: it downloads from a
// CDN that many build machines cannot reach, while the distribution's mirror is usually allowed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, INSTALL_HINT } from './chromium-path.mjs';

/** @returns {string | null} */
function find() {
  try {
    return findChromium();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}

/**
 * Runs a command with its output streamed to ours; exits with a message when it fails.
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${String(result.status ?? result.signal)}`;
    console.error(`${command} ${args.join(' ')} failed (${why}).`);
    console.error(INSTALL_HINT);
    process.exit(1);
  }
}

let found = find();
if (!found) {
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isDebian || !isRoot) {
    console.error(`Chromium not found.${isDebian ? ' (Installing it needs root.)' : ''}`);
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  console.log("Chromium not found; installing Debian's chromium with apt-get…");
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'chromium']);
  found = find();
  if (!found) {
    console.error('apt-get finished, but no Chromium binary turned up.');
    console.error(INSTALL_HINT);
    process.exit(1);
  }
}
console.log(`Chromium: ${found}`);
