#!/usr/bin/env node
// Makes sure a Firefox is available for the mixed-browser end-to-end tests (e2e/visit-firefox), installing
// Debian's firefox-esr when we can (root on Debian/Ubuntu, e.g. in CI), from the distribution's mirror.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findFirefox, FIREFOX_INSTALL_HINT } from './firefox-path.mjs';

/** @returns {string | null} */
function find() {
  try {
    return findFirefox();
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
    console.error(FIREFOX_INSTALL_HINT);
    process.exit(1);
  }
}

let found = find();
if (!found) {
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isDebian || !isRoot) {
    console.error(`Firefox not found.${isDebian ? ' (Installing it needs root.)' : ''}`);
    console.error(FIREFOX_INSTALL_HINT);
    process.exit(1);
  }
  console.log("Firefox not found; installing Debian's firefox-esr with apt-get…");
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', 'firefox-esr']);
  found = find();
  if (!found) {
    console.error('apt-get finished, but no Firefox binary turned up.');
    console.error(FIREFOX_INSTALL_HINT);
    process.exit(1);
  }
}
console.log(`Firefox: ${found}`);
