/**
 * Signaling benchmark: how many concurrent visits one Portico process holds, what each socket
 * costs in memory, how long joining takes, and how fast a signaling message crosses the server
 * under load. Everything runs out of this process: the server (Portico, then the reference — a
 * bare `ws` relay with no auth or database — under the same load in the same run), each with
 * --expose-gc so memory is read after a forced collection, and the socket clients in
 * BENCH_CLIENT_PROCESSES child processes. Prints figures and `RESULT signaling …` lines; asserts nothing.
 *
 *   npm run bench:signaling
 *   BENCH_VISITS=5000 BENCH_RATE=400 BENCH_DURATION=10 npm run bench:signaling
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/portico_bench npm run bench:signaling
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:signaling   (flags for Portico's Node)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ClientCommand, ClientReply, PairSpec } from './signaling-clients.js';
import type { MemoryReport, ServerReady } from './signaling-server-ipc.js';
import { envInt, summarize, type LatencySummary } from './stats.js';

const VISITS = envInt('BENCH_VISITS', 500);
const RATE = envInt('BENCH_RATE', 400);
const DURATION = envInt('BENCH_DURATION', 10);
const PROCESSES = envInt('BENCH_CLIENT_PROCESSES', Math.max(2, Math.ceil(VISITS / 1500)));
/** Extra flags for Portico's Node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where join time goes). */
const NODE_ARGS = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
/** Visits joining at once, per client process (50 in all by default, as before the split). */
const CONCURRENCY = envInt('BENCH_JOIN_CONCURRENCY', Math.max(1, Math.floor(50 / PROCESSES)));

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** A child process spoken to by request and reply over IPC. */
class Child {
  private queue: ((m: unknown) => void)[] = [];
  /** The child's first message: that it is ready (a server's port and visits). */
  first: unknown = null;
  private constructor(readonly process: ChildProcess) {
    process.on('message', (m) => this.queue.shift()?.(m));
  }

  static start(script: string, execArgv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Child> {
    const child = fork(script, [], { execArgv: ['--import', 'tsx', ...execArgv], env, stdio: 'inherit' });
    const c = new Child(child);
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
      c.queue.push((m) => {
        c.first = m;
        resolve(c);
      });
    });
  }

  /** Sends a request and waits for the child's reply. */
  ask<T>(message: object): Promise<T> {
    return new Promise((resolve) => {
      this.queue.push((m) => resolve(m as T));
      this.process.send(message);
    });
  }

  stop(): void {
    if (this.process.connected) this.process.disconnect();
    this.process.kill('SIGTERM');
  }
}

interface Figures {
  name: string;
  joinSeconds: number;
  join: LatencySummary;
  joinFailures: number;
  /** Upgrades and admissions refused by load shedding (503) and retried. */
  retries: number;
  idle: MemoryReport;
  loaded: MemoryReport;
  sockets: number;
  sent: number;
  relay: LatencySummary;
}

async function measure(name: string, server: Child, pairs: PairSpec[]): Promise<Figures> {
  const idle = await server.ask<MemoryReport>({ type: 'memory' });
  const clients = await Promise.all(
    Array.from({ length: PROCESSES }, () => Child.start(here('./signaling-clients.ts'), [])),
  );
  const ask = (c: Child, m: ClientCommand) => c.ask<ClientReply>(m);
  const share = (k: number) => pairs.filter((_, i) => i % PROCESSES === k);

  const joinStarted = performance.now();
  const joined = await Promise.all(
    clients.map((c, k) => ask(c, { type: 'join', pairs: share(k), concurrency: CONCURRENCY })),
  );
  const joinSeconds = (performance.now() - joinStarted) / 1000;
  const joinMs = joined.flatMap((r) => (r.type === 'joined' ? r.joinMs : []));
  const joinFailures = joined.reduce((n, r) => n + (r.type === 'joined' ? r.failures : 0), 0);
  const joinRetries = joined.reduce((n, r) => n + (r.type === 'joined' ? r.retries : 0), 0);
  const admitted = await Promise.all(clients.map((c) => ask(c, { type: 'admit', concurrency: CONCURRENCY })));
  const admitFailures = admitted.reduce((n, r) => n + (r.type === 'admitted' ? r.failures : 0), 0);
  const admitRetries = admitted.reduce((n, r) => n + (r.type === 'admitted' ? r.retries : 0), 0);
  if (admitFailures > 0) console.log(`  ${name}: ${admitFailures} admissions failed`);
  const loaded = await server.ask<MemoryReport>({ type: 'memory' });

  const results = await Promise.all(
    clients.map((c) => ask(c, { type: 'load', rate: RATE / PROCESSES, seconds: DURATION })),
  );
  const sent = results.reduce((n, r) => n + (r.type === 'loaded' ? r.sent : 0), 0);
  const latencies = results.flatMap((r) => (r.type === 'loaded' ? r.latencies : []));
  await Promise.all(clients.map((c) => ask(c, { type: 'close' })));
  clients.forEach((c) => c.stop());
  return {
    name,
    joinSeconds,
    join: summarize(joinMs),
    joinFailures,
    retries: joinRetries + admitRetries,
    idle,
    loaded,
    sockets: (pairs.length - joinFailures) * 2,
    sent,
    relay: summarize(latencies),
  };
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const perSocket = (f: Figures, key: 'rss' | 'heapUsed') =>
  f.sockets > 0 ? (f.loaded[key] - f.idle[key]) / 1024 / f.sockets : NaN;

function print(f: Figures): void {
  console.log(`\n${f.name}`);
  console.log(
    `  Joined:        ${f.sockets} sockets in ${f.joinSeconds.toFixed(1)} s (${f.joinFailures} visits failed, ${f.retries} retries after 503); per visit p50 ${f.join.p50.toFixed(0)} ms, p99 ${f.join.p99.toFixed(0)} ms`,
  );
  console.log(
    `  Memory (GC'd): RSS ${mib(f.idle.rss)} → ${mib(f.loaded.rss)} MiB, heap ${mib(f.idle.heapUsed)} → ${mib(f.loaded.heapUsed)} MiB: ${perSocket(f, 'rss').toFixed(1)} KiB RSS, ${perSocket(f, 'heapUsed').toFixed(1)} KiB heap per socket`,
  );
  console.log(
    `  Relayed:       ${f.relay.count} of ${f.sent} (${(f.relay.count / DURATION).toFixed(0)}/s); p50 ${f.relay.p50.toFixed(2)} ms, p99 ${f.relay.p99.toFixed(2)} ms, max ${f.relay.max.toFixed(2)} ms`,
  );
}

async function main(): Promise<void> {
  console.log(
    `Signaling benchmark: ${VISITS} visits (${VISITS * 2} sockets), ${RATE} messages/s for ${DURATION} s, clients in ${PROCESSES} processes`,
  );
  console.log(
    `Machine: ${cpus().length} cores, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  // The reference first: a bare relay, same sockets, same messages.
  const ref = await Child.start(here('./signaling-reference.ts'), ['--expose-gc']);
  const refReady = ref.first as ServerReady;
  const refUrl = (id: string) => ({ url: `ws://127.0.0.1:${refReady.port}/?id=${id}`, headers: {} });
  const refPairs = Array.from({ length: VISITS }, (_, i) => ({ clinician: refUrl(`c${i}`), patient: refUrl(`p${i}`) }));
  const reference = await measure('Reference: bare ws relay (no auth, no database)', ref, refPairs);
  ref.stop();
  print(reference);

  console.log('\nPortico: creating the visits…');
  const setupStarted = performance.now();
  const portico = await Child.start(here('./signaling-server.ts'), ['--expose-gc', ...NODE_ARGS], {
    ...process.env,
    BENCH_VISITS: String(VISITS),
  });
  const ready = portico.first as ServerReady;
  console.log(
    `Portico: ${ready.engine}, bus ${ready.bus}, ${ready.visits.length} visits ready in ${((performance.now() - setupStarted) / 1000).toFixed(0)} s`,
  );
  const base = `127.0.0.1:${ready.port}`;
  const origin = `http://${base}`;
  const pairs: PairSpec[] = ready.visits.map((v) => ({
    clinician: {
      url: `ws://${base}/api/visits/${v.appointmentId}/socket`,
      headers: { cookie: v.clinicianCookie, origin },
    },
    patient: { url: `ws://${base}/api/visits/${v.appointmentId}/socket`, headers: { cookie: v.patientCookie, origin } },
    admit: {
      url: `${origin}/api/visits/${v.appointmentId}/admit`,
      headers: { cookie: v.clinicianCookie, 'x-csrf-token': v.clinicianCsrf, 'content-type': 'application/json' },
    },
  }));
  const ours = await measure(`Portico (${ready.engine}, bus ${ready.bus})`, portico, pairs);
  portico.stop();
  print(ours);

  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
  const tag = `${ready.engine}_${VISITS}_visits`;
  console.log('');
  console.log(
    `RESULT signaling ${tag}_join_seconds ${ours.joinSeconds.toFixed(1)} s reference=${reference.joinSeconds.toFixed(1)} s failed=${ours.joinFailures} retries=${ours.retries}`,
  );
  console.log(
    `RESULT signaling ${tag}_relay_p50 ${ours.relay.p50.toFixed(2)} ms ratio=${ratio(ours.relay.p50, reference.relay.p50)}`,
  );
  console.log(
    `RESULT signaling ${tag}_relay_p99 ${ours.relay.p99.toFixed(2)} ms ratio=${ratio(ours.relay.p99, reference.relay.p99)}`,
  );
  console.log(`RESULT signaling ${tag}_relay_delivered ${ours.relay.count} of ${ours.sent}`);
  console.log(
    `RESULT signaling ${tag}_memory_per_socket ${perSocket(ours, 'rss').toFixed(1)} KiB heap=${perSocket(ours, 'heapUsed').toFixed(1)} KiB reference=${perSocket(reference, 'rss').toFixed(1)} KiB`,
  );
  console.log(`RESULT signaling load_average ${loadavg()[0]?.toFixed(2)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
