import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './process-helpers.js';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries installed from Debian's packages, or null. */
export async function postgresBinDir(): Promise<string | null> {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = (await readdir(root)).filter((v) => existsSync(join(root, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/**
 * A PostgreSQL server of the test's own, in a temporary folder on a free port, so the test can
 * stop, restart and kill it without disturbing the shared database other test files use.
 * initdb refuses to run as root, so as root the server runs as the `postgres` user.
 */
export class PrivateCluster {
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(bin: string): Promise<PrivateCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'portico-pg-'));
    const cluster = new PrivateCluster(bin, dir, await freePort());
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    await cluster.as(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await cluster.start();
    return cluster;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private async as(file: string, args: string[]): Promise<string> {
    const root = process.getuid?.() === 0;
    const { stdout } = await run(root ? 'runuser' : file, root ? ['-u', 'postgres', '--', file, ...args] : args, {
      timeout: 120_000,
    });
    return stdout;
  }

  private ctl(args: string[]): Promise<string> {
    return this.as(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), ...args]);
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off`;
    await this.ctl(['-o', options, '-l', join(this.dir, 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** Fast shutdown: every session is ended with 57P01, as in a restart or fail-over. */
  async stop(): Promise<void> {
    await this.ctl(['-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** Ends every other connection to the server, like an operator's pg_terminate_backend. */
  async terminateBackends(): Promise<number> {
    const out = await this.as(join(this.bin, 'psql'), [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-tA',
      '-c',
      "select count(pg_terminate_backend(pid)) from pg_stat_activity where pid <> pg_backend_pid() and backend_type = 'client backend'",
    ]);
    return Number(out.trim());
  }

  async destroy(): Promise<void> {
    await this.ctl(['-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
