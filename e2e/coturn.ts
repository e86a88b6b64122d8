import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTurnserver, TURN_INSTALL_HINT } from '../scripts/coturn-path.mjs';
import { freePort } from './harness.js';
import { stunAnswers } from './turn-client.js';

/** A coturn relay of the test's own, on loopback, with the shared secret Portico mints credentials from. */
export interface Coturn {
  port: number;
  secret: string;
  /** Portico's PORTICO_TURN_URLS for it. */
  urls: string[];
  /** Everything coturn has logged so far (its allocations name the credentials' usernames). */
  log(): string;
  close(): Promise<void>;
}

/**
 * Starts `turnserver` on 127.0.0.1 only: a free port, REST-API shared secret, no TLS/DTLS, no CLI,
 * a narrow relay port range, loopback peers allowed (both browsers are on this machine). Resolves
 * once it answers STUN.
 */
export async function startCoturn(): Promise<Coturn> {
  const binary = findTurnserver();
  if (!binary) throw new Error(TURN_INSTALL_HINT);
  const port = await freePort();
  const secret = randomBytes(24).toString('hex');
  const dir = await mkdtemp(join(tmpdir(), 'portico-coturn-'));
  const minPort = 50_000 + Math.floor(Math.random() * 700) * 20;
  const args = [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${minPort + 39}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=portico.test',
    '--no-cli',
    '--no-tls',
    '--no-dtls',
    '--allow-loopback-peers',
    '--no-multicast-peers',
    '--fingerprint',
    `--userdb=${join(dir, 'turndb')}`,
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    '--log-file=stdout',
    '--simple-log',
    '--verbose',
  ];
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code) => fail(new Error(`turnserver exited (${String(code)}):\n${output.slice(-2000)}`))),
  );
  await Promise.race([stunAnswers(port), exited]);
  return {
    port,
    secret,
    urls: [`turn:127.0.0.1:${port}?transport=udp`],
    log: () => output,
    async close() {
      if (child.exitCode === null) {
        const gone = new Promise<void>((ok) => child.once('exit', () => ok()));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
