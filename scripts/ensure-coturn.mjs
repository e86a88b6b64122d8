#!/usr/bin/env node
// Makes sure coturn's turnserver is available for the TURN end-to-end test (e2e/visit-turn), installing
// Debian's package when we can (root on Debian/Ubuntu, e.g. in CI), like ensure-chromium.mjs. The
// test starts its own turnserver on loopback; the package's system service is never used.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findTurnserver, TURN_INSTALL_HINT } from './coturn-path.mjs';

let found = findTurnserver();
if (!found) {
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isDebian || !isRoot) {
    console.error(`coturn (turnserver) not found.${isDebian ? ' (Installing it needs root.)' : ''}`);
    console.error(TURN_INSTALL_HINT);
    process.exit(1);
  }
  console.log("turnserver not found; installing Debian's coturn with apt-get…");
  for (const args of [['update'], ['install', '-y', 'coturn']]) {
    console.log(`$ apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.error || result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed.`);
      console.error(TURN_INSTALL_HINT);
      process.exit(1);
    }
  }
  found = findTurnserver();
  if (!found) {
    console.error('apt-get finished, but no turnserver binary turned up.');
    console.error(TURN_INSTALL_HINT);
    process.exit(1);
  }
}
console.log(`coturn: ${found}`);
