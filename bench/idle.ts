/**
 * Idle memory: the resident set (RSS) of `npm start` once it is ready and left alone, beside two
 * references measured in the same run, each a process of its own on the same data folder:
 *
 *   portico   the command in package.json's `start` script, as a new user runs it (the embedded
 *             database with the demo data, second start: the data folder already exists)
 *   database  the embedded database alone: Portico's compiled worker on the same folder and page
 *             cache, one query, a node:http server (bench/idle-reference.mjs)
 *   bare      a node:http server: Node's own footprint
 *
 * The references run with the start script's Node flags and environment, so only Portico's own
 * code differs.
 *
 * Each is started, waited for until /readyz answers, then sampled every 5 s for BENCH_SETTLE
 * seconds (V8 gives memory back about 20 s after start); the figure is the last sample. Targets run
 * interleaved (portico, database, bare, portico, …) for BENCH_ROUNDS rounds; medians reported.
 * Prints figures; asserts nothing.
 *
 *   npm run bench:idle
 *   BENCH_ROUNDS=3 BENCH_SETTLE=60 npm run bench:idle     (the defaults)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root, startScript, type StartScript } from './start-script.js';
import { envInt, median, table } from './stats.js';

const ROUNDS = envInt('BENCH_ROUNDS', 3);
const SETTLE_S = envInt('BENCH_SETTLE', 60, 5);
const PORT = envInt('BENCH_PORT', 18_311);

type Kind = 'portico' | 'database' | 'bare';

/** Portico as `npm start` runs it; the references with the same Node arguments and environment. */
function launch(kind: Kind, start: StartScript, dataDir: string): ChildProcess {
  const script = start.args.findIndex((a) => !a.startsWith('-'));
  const nodeFlags = start.args.slice(0, script);
  const argv = kind === 'portico' ? start.args : [...nodeFlags, join(root, 'bench/idle-reference.mjs'), kind];
  // As a new user runs it: no NODE_ENV, the default log level (its lines go nowhere).
  const { NODE_ENV: _unset, ...env } = process.env;
  return spawn(process.execPath, argv, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, ...start.env, PORTICO_PORT: String(PORT), PORTICO_HOST: '127.0.0.1', PORTICO_DATA_DIR: dataDir },
  });
}

async function ready(proc: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`exited early (${proc.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${PORT}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error('not ready after 120 s');
}

async function status(pid: number): Promise<{ rss: number; hwm: number }> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGINT');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** Starts one target, waits until ready, samples for SETTLE_S seconds; the last sample and the peak. */
async function measure(
  kind: Kind,
  start: StartScript,
  dataDir: string,
): Promise<{ rss: number; hwm: number; samples: number[] }> {
  const proc = launch(kind, start, dataDir);
  try {
    await ready(proc);
    const samples: number[] = [];
    const until = Date.now() + SETTLE_S * 1000;
    for (;;) {
      samples.push((await status(proc.pid ?? 0)).rss);
      if (Date.now() >= until) break;
      await sleep(Math.min(5_000, until - Date.now()));
    }
    const { hwm } = await status(proc.pid ?? 0);
    return { rss: samples[samples.length - 1] ?? NaN, hwm, samples };
  } finally {
    await stop(proc);
  }
}

const start = await startScript();
const dir = await mkdtemp(join(tmpdir(), 'portico-bench-idle-'));
const dataDir = join(dir, 'pglite');
process.stdout.write(
  `bench:idle — node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)}, ` +
    `${ROUNDS} rounds, ${SETTLE_S} s after ready; start command: ` +
    `${Object.entries(start.env)
      .map(([k, v]) => `${k}=${v} `)
      .join('')}node ${start.args.join(' ')}\n`,
);
try {
  // The first start makes the data folder and loads the demo data; a hospital's server is
  // restarted far more often than it is installed, so the figures are of later starts.
  process.stdout.write('first start (demo data)…\n');
  const first = launch('portico', start, dataDir);
  await ready(first);
  await stop(first);

  const kinds: Kind[] = ['portico', 'database', 'bare'];
  const runs = new Map<Kind, { rss: number; hwm: number }[]>(kinds.map((k) => [k, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of kinds) {
      const r = await measure(kind, start, dataDir);
      runs.get(kind)?.push(r);
      process.stdout.write(
        `round ${round} ${kind.padEnd(8)} RSS ${r.rss.toFixed(0)} MiB (peak ${r.hwm.toFixed(0)}); ` +
          `samples ${r.samples.map((s) => s.toFixed(0)).join(' ')}\n`,
      );
    }
  }
  const rss = (k: Kind): number[] => (runs.get(k) ?? []).map((r) => r.rss);
  const rows = [['target', 'idle RSS, median', 'each run', 'peak, median']];
  for (const kind of kinds) {
    rows.push([
      kind,
      `${median(rss(kind)).toFixed(0)} MiB`,
      rss(kind)
        .map((v) => v.toFixed(0))
        .join(', '),
      `${median((runs.get(kind) ?? []).map((r) => r.hwm)).toFixed(0)} MiB`,
    ]);
  }
  process.stdout.write(`\n${table(rows)}\n\n`);
  const ratio = (a: Kind, b: Kind): number => median(rss(a).map((v, i) => v / (rss(b)[i] ?? NaN)));
  process.stdout.write(
    `RESULT idle portico_rss ${median(rss('portico')).toFixed(1)} MiB ratio=${ratio('portico', 'database').toFixed(3)}\n`,
  );
  process.stdout.write(
    `RESULT idle database_rss ${median(rss('database')).toFixed(1)} MiB ratio=${ratio('database', 'bare').toFixed(3)}\n`,
  );
  process.stdout.write(`RESULT idle bare_rss ${median(rss('bare')).toFixed(1)} MiB\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
