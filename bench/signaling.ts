/**
 * Signaling benchmark: how many concurrent visits one Portico process holds, what each socket
 * costs in memory, and how fast a signaling message crosses the server under load. The server
 * runs as a child process (signaling-server.ts); the WebSocket clients run here. Prints figures;
 * asserts nothing.
 *
 *   npm run bench:signaling
 *   BENCH_VISITS=1000 BENCH_RATE=500 BENCH_DURATION=20 npm run bench:signaling
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/portico_bench npm run bench:signaling
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ServerMessage } from '@portico/contracts';
import WebSocket from 'ws';
import type { BenchVisit } from './signaling-server.js';

const VISITS = Number(process.env['BENCH_VISITS'] ?? '500');
const RATE = Number(process.env['BENCH_RATE'] ?? '400');
const DURATION = Number(process.env['BENCH_DURATION'] ?? '10');

interface Ready {
  port: number;
  engine: string;
  bus: string;
  visits: BenchVisit[];
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)/.exec(status);
  return match ? Number(match[1]) : NaN;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

class Client {
  participantId = '';
  admitted = false;
  readonly ws: WebSocket;
  onSignal: (candidate: string) => void = () => undefined;
  private welcomed: Promise<void>;
  private admittedWaiters: (() => void)[] = [];

  constructor(port: number, appointmentId: string, cookie: string) {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}/api/visits/${appointmentId}/socket`, {
      headers: { cookie, origin: `http://127.0.0.1:${port}` },
    });
    this.welcomed = new Promise((resolve, reject) => {
      this.ws.once('error', reject);
      this.ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as ServerMessage;
        if (m.type === 'welcome') {
          this.participantId = m.participantId;
          this.admitted = m.admitted;
          resolve();
        } else if (m.type === 'visit') {
          if (m.visit.participants.some((p) => p.id === this.participantId && p.admitted)) {
            this.admitted = true;
            this.admittedWaiters.splice(0).forEach((w) => w());
          }
        } else if (m.type === 'signal' && m.data.kind === 'candidate') {
          this.onSignal(m.data.candidate);
        }
      });
    });
  }

  ready(): Promise<void> {
    return this.welcomed;
  }

  untilAdmitted(): Promise<void> {
    return this.admitted ? Promise.resolve() : new Promise((resolve) => this.admittedWaiters.push(resolve));
  }
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function main(): Promise<void> {
  console.log(`Signaling benchmark: ${VISITS} visits (${VISITS * 2} sockets), ${RATE} messages/s for ${DURATION} s`);
  console.log(`Machine: ${cpus().length} cores, Node ${process.version}`);
  const serverScript = fileURLToPath(new URL('./signaling-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript], {
    env: { ...process.env, BENCH_VISITS: String(VISITS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kill = () => child.kill('SIGTERM');
  process.on('exit', kill);
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as Ready));
  });
  const pid = child.pid ?? 0;
  console.log(`Server: pid ${pid}, ${ready.engine}, bus ${ready.bus}, port ${ready.port}`);
  await new Promise((r) => setTimeout(r, 1000));
  const baseline = rssKiB(pid);

  const pairs: { visit: BenchVisit; clinician: Client; patient: Client }[] = [];
  const joinStarted = performance.now();
  await inBatches(ready.visits, 50, async (visit) => {
    const clinician = new Client(ready.port, visit.appointmentId, visit.clinicianCookie);
    const patient = new Client(ready.port, visit.appointmentId, visit.patientCookie);
    await Promise.all([clinician.ready(), patient.ready()]);
    pairs.push({ visit, clinician, patient });
  });
  const joinSeconds = (performance.now() - joinStarted) / 1000;
  await inBatches(pairs, 50, async ({ visit, patient }) => {
    const res = await fetch(`http://127.0.0.1:${ready.port}/api/visits/${visit.appointmentId}/admit`, {
      method: 'POST',
      headers: {
        cookie: visit.clinicianCookie,
        'x-csrf-token': visit.clinicianCsrf,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    if (!res.ok) throw new Error(`admit failed: ${res.status}`);
    await patient.untilAdmitted();
  });
  await new Promise((r) => setTimeout(r, 2000));
  const loaded = rssKiB(pid);

  const latencies: number[] = [];
  for (const { patient } of pairs) {
    patient.onSignal = (candidate) => {
      const sentAt = Number(candidate.split(' ').pop());
      latencies.push(performance.now() - sentAt);
    };
  }
  let sent = 0;
  const interval = 1000 / RATE;
  const until = performance.now() + DURATION * 1000;
  while (performance.now() < until) {
    const pair = pairs[sent % pairs.length];
    if (pair) {
      const candidate = `candidate:1 1 udp 2122260223 10.0.0.2 54321 typ host ${performance.now()}`;
      pair.clinician.ws.send(
        JSON.stringify({
          type: 'signal',
          to: pair.patient.participantId,
          data: { kind: 'candidate', candidate, sdpMid: '0', sdpMLineIndex: 0 },
        }),
      );
      sent += 1;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  await new Promise((r) => setTimeout(r, 2000));
  latencies.sort((a, b) => a - b);

  const sockets = pairs.length * 2;
  console.log('');
  console.log(`Visits held:              ${pairs.length} (${sockets} sockets), joined in ${joinSeconds.toFixed(1)} s`);
  console.log(
    `Server RSS:               ${(baseline / 1024).toFixed(0)} MiB idle → ${(loaded / 1024).toFixed(0)} MiB with all sockets`,
  );
  console.log(`Memory per connection:    ${((loaded - baseline) / sockets).toFixed(1)} KiB`);
  console.log(
    `Relay messages:           ${latencies.length} delivered of ${sent} sent (${(latencies.length / DURATION).toFixed(0)}/s)`,
  );
  console.log(
    `Relay latency:            p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${(latencies[latencies.length - 1] ?? NaN).toFixed(2)} ms`,
  );
  for (const { clinician, patient } of pairs) {
    clinician.ws.terminate();
    patient.ws.terminate();
  }
  kill();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
