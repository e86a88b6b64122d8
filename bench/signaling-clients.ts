/**
 * The socket clients of `npm run bench:signaling`, in a child process of their own (several of
 * them for large runs), so the server's figures are not the clients' CPU. Driven over IPC by
 * signaling.ts: join the visits given, admit, send signaling at a rate, report, close.
 * Latency is timed from send to receipt inside this process: both ends of a pair live here.
 */
import WebSocket from 'ws';

/** One socket to open: its URL and request headers. */
export interface SocketSpec {
  url: string;
  headers: Record<string, string>;
}

/** One visit: the clinician's and the patient's sockets, and the clinician's admit request (Portico only). */
export interface PairSpec {
  clinician: SocketSpec;
  patient: SocketSpec;
  admit?: { url: string; headers: Record<string, string> };
}

export type ClientCommand =
  | { type: 'join'; pairs: PairSpec[]; concurrency: number }
  | { type: 'admit'; concurrency: number }
  | { type: 'load'; rate: number; seconds: number }
  | { type: 'close' };

export type ClientReply =
  | { type: 'ready' }
  | { type: 'joined'; joinMs: number[]; failures: number; retries: number }
  | { type: 'admitted'; failures: number; retries: number }
  | { type: 'loaded'; sent: number; latencies: number[] }
  | { type: 'closed' };

interface Incoming {
  type: string;
  participantId?: string;
  admitted?: boolean;
  visit?: { participants: { id: string; admitted: boolean }[] };
  data?: { kind: string; candidate?: string };
}

/** Upgrades refused because the server was shedding load (503) and tried again, as the visit page does. */
let retries = 0;

class Client {
  participantId = '';
  admitted = false;
  ws!: WebSocket;
  onSignal: (candidate: string) => void = () => undefined;
  private admittedWaiters: (() => void)[] = [];

  constructor(private readonly spec: SocketSpec) {}

  /** Opens the socket and waits for the welcome; a 503 (load shed) is retried after a short pause. */
  async ready(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const refused = await this.open();
      if (refused === null) return;
      if (refused !== 503 || attempt >= 50) throw new Error(`upgrade refused ${refused}`);
      retries += 1;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    }
  }

  /** null once welcomed, or the HTTP status that refused the upgrade. */
  private open(): Promise<number | null> {
    this.ws = new WebSocket(this.spec.url, { headers: this.spec.headers });
    return new Promise((resolve, reject) => {
      this.ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      this.ws.once('error', (err) => reject(err));
      this.ws.once('close', (code) => reject(new Error(`closed ${code}`)));
      this.ws.on('message', (raw) => {
        const m = JSON.parse(String(raw)) as Incoming;
        if (m.type === 'welcome') {
          this.participantId = m.participantId ?? '';
          this.admitted = m.admitted === true;
          resolve(null);
        } else if (m.type === 'visit') {
          if (m.visit?.participants.some((p) => p.id === this.participantId && p.admitted)) {
            this.admitted = true;
            this.admittedWaiters.splice(0).forEach((w) => w());
          }
        } else if (m.type === 'signal' && m.data?.kind === 'candidate' && m.data.candidate) {
          this.onSignal(m.data.candidate);
        }
      });
    });
  }

  untilAdmitted(): Promise<void> {
    return this.admitted ? Promise.resolve() : new Promise((resolve) => this.admittedWaiters.push(resolve));
  }
}

/** Runs `fn` over `items` with at most `concurrency` in flight at once. */
async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

interface Pair {
  spec: PairSpec;
  clinician: Client;
  patient: Client;
}

let pairs: Pair[] = [];

function reply(message: ClientReply): void {
  process.send?.(message);
}

async function join(specs: PairSpec[], concurrency: number): Promise<void> {
  const joinMs: number[] = [];
  let failures = 0;
  const opened: Pair[] = [];
  await pool(specs, concurrency, async (spec) => {
    const started = performance.now();
    const clinician = new Client(spec.clinician);
    const patient = new Client(spec.patient);
    try {
      await Promise.all([clinician.ready(), patient.ready()]);
      joinMs.push(performance.now() - started);
      opened.push({ spec, clinician, patient });
    } catch (err) {
      if (failures === 0) console.error(`  first failed join: ${String(err)}`);
      failures += 1;
    }
  });
  pairs = opened;
  reply({ type: 'joined', joinMs, failures, retries });
  retries = 0;
}

async function admit(concurrency: number): Promise<void> {
  let failures = 0;
  await pool(pairs, concurrency, async ({ spec, patient }) => {
    if (!spec.admit) return;
    let res = await fetch(spec.admit.url, { method: 'POST', headers: spec.admit.headers, body: '{}' });
    for (let attempt = 0; res.status === 503 && attempt < 50; attempt++) {
      retries += 1;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      res = await fetch(spec.admit.url, { method: 'POST', headers: spec.admit.headers, body: '{}' });
    }
    if (!res.ok) {
      if (failures === 0) console.error(`  first failed admission: ${res.status} ${await res.text()}`);
      failures += 1;
      return;
    }
    await patient.untilAdmitted();
  });
  reply({ type: 'admitted', failures, retries });
}

/** Sends `rate` candidates a second round the pairs, clinician → patient, for `seconds`. */
async function load(rate: number, seconds: number): Promise<void> {
  const latencies: number[] = [];
  for (const { patient } of pairs) {
    patient.onSignal = (candidate) => {
      const sentAt = Number(candidate.slice(candidate.lastIndexOf(' ') + 1));
      latencies.push(performance.now() - sentAt);
    };
  }
  let sent = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until && pairs.length > 0) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) {
      const pair = pairs[sent % pairs.length];
      if (!pair) break;
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
    await new Promise((r) => setTimeout(r, 5));
  }
  // Stragglers: wait until every message arrived, or two quiet seconds passed.
  let last = -1;
  while (latencies.length < sent && latencies.length !== last) {
    last = latencies.length;
    await new Promise((r) => setTimeout(r, 2000));
  }
  reply({ type: 'loaded', sent, latencies });
}

process.on('message', (command: ClientCommand) => {
  const run = async () => {
    switch (command.type) {
      case 'join':
        return join(command.pairs, command.concurrency);
      case 'admit':
        return admit(command.concurrency);
      case 'load':
        return load(command.rate, command.seconds);
      case 'close':
        for (const { clinician, patient } of pairs) {
          clinician.ws.terminate();
          patient.ws.terminate();
        }
        reply({ type: 'closed' });
        process.disconnect();
        return;
    }
  };
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
reply({ type: 'ready' });
