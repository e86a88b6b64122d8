/**
 * The load generator for bench/booking.ts and bench/directory.ts, run as a child process so its event loop does not
 * share a thread with the server being measured (tsx cannot load TypeScript into worker threads
 * here). The parent sends commands over the IPC channel; each answer carries every response's
 * status, stable error code and latency, measured from sending the request to reading the body.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface LoadResult {
  status: number;
  ms: number;
  /** The request's method (reports split some figures by it). */
  method?: string;
  /** The problem's stable `code` for 4xx/5xx answers, or the transport error's message. */
  code: string | null;
}

/** A patient in a rush: list open times, book one of the first few, take an offered time on a 409. */
export interface RushPatient {
  headers: Record<string, string>;
  clinicianId: string;
  visitTypeId: string;
  /** Clinic-local date (YYYY-MM-DD) to list open times from. */
  from: string;
}

export interface RushOutcome {
  /** The number of booking attempts, and whether the last one was a 201. */
  attempts: number;
  booked: boolean;
  slotList: LoadResult;
  bookings: LoadResult[];
}

export type LoadCommand =
  | { type: 'batch'; id: number; origin: string; requests: LoadRequest[]; concurrency: number }
  | {
      type: 'timed';
      id: number;
      origin: string;
      requests: LoadRequest[];
      concurrency: number;
      durationMs: number;
      probe?: Probe;
    }
  | { type: 'rush'; id: number; origin: string; patients: RushPatient[]; maxAttempts: number; choices: number }
  | { type: 'exit' };

/**
 * Extra lanes that ask a reference server (another origin) during a timed run, each pausing between
 * requests: what this client measures for a server that answers at once, under the same load.
 */
export interface Probe {
  origin: string;
  path: string;
  lanes: number;
  pauseMs: number;
}

export type LoadReply =
  | { type: 'ready' }
  | { type: 'batch'; id: number; wallMs: number; results: LoadResult[] }
  | {
      type: 'timed';
      id: number;
      wallMs: number;
      results: LoadResult[];
      probeResults: LoadResult[];
      /** This process's own event-loop delay during the run, p99 in ms: time no answer could be read. */
      clientLagP99Ms: number;
    }
  | { type: 'rush'; id: number; wallMs: number; outcomes: RushOutcome[] };

/** How long a client waits for an answer before giving up (BENCH_CLIENT_TIMEOUT_MS, default 10 s). */
const CLIENT_TIMEOUT_MS = Number(process.env['BENCH_CLIENT_TIMEOUT_MS'] || 10_000);
const IGNORE_RETRY_AFTER = process.env['BENCH_IGNORE_RETRY_AFTER'] === '1';

interface Answer extends LoadResult {
  json: unknown;
  /** The server's Retry-After on a 503 or 429, in seconds (0 when none). */
  retryAfterS: number;
}

async function send(origin: string, r: LoadRequest): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(origin + r.path, {
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      method: r.method,
      headers: r.body === undefined ? r.headers : { ...r.headers, 'content-type': 'application/json' },
      ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
    });
    const text = await res.text();
    const elapsed = performance.now() - started;
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      json = null;
    }
    const code =
      res.status >= 400 && typeof json === 'object' && json !== null && 'code' in json ? String(json.code) : null;
    const retryAfterS = Number(res.headers.get('retry-after') ?? '0') || 0;
    return { status: res.status, ms: elapsed, code, json, retryAfterS, method: r.method };
  } catch (err) {
    return {
      status: 0,
      ms: performance.now() - started,
      // A client that gave up waiting (what a person or a load balancer does) is a time-out.
      code: err instanceof Error ? (err.name === 'TimeoutError' ? 'timeout' : err.message) : 'error',
      json: null,
      retryAfterS: 0,
    };
  }
}

const strip = ({ status, ms, code, method }: Answer): LoadResult => ({
  status,
  ms,
  code,
  ...(method ? { method } : {}),
});

/** Sends every request with at most `concurrency` in flight; concurrency ≥ count fires them all at once. */
async function batch(origin: string, requests: LoadRequest[], concurrency: number): Promise<LoadResult[]> {
  const results: LoadResult[] = new Array<LoadResult>(requests.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < requests.length; i = next++) {
      const request = requests[i];
      if (request) results[i] = strip(await send(origin, request));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
  return results;
}

/** Asks the probe's origin on its lanes until `until`, pausing between requests. */
async function probing(probe: Probe, until: number): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const lane = async (): Promise<void> => {
    while (performance.now() < until) {
      results.push(strip(await send(probe.origin, { method: 'GET', path: probe.path, headers: {} })));
      await new Promise((resolve) => setTimeout(resolve, probe.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: probe.lanes }, lane));
  return results;
}

/** Cycles through the requests with `concurrency` in flight until `durationMs` has passed. */
async function timed(
  origin: string,
  requests: LoadRequest[],
  concurrency: number,
  durationMs: number,
): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const until = performance.now() + durationMs;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (performance.now() < until) {
      const request = requests[next++ % requests.length];
      if (!request) continue;
      const answer = await send(origin, request);
      results.push(strip(answer));
      // A well-behaved client (a browser, our web app) waits as long as the server asked before
      // trying again; BENCH_IGNORE_RETRY_AFTER=1 models one that hammers instead.
      if (answer.retryAfterS > 0 && !IGNORE_RETRY_AFTER) {
        const wait = Math.min(answer.retryAfterS * 1000, until - performance.now());
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

const pickOne = <T>(list: readonly T[], within: number): T | undefined =>
  list[Math.floor(Math.random() * Math.min(within, list.length))];

async function rushOne(origin: string, p: RushPatient, maxAttempts: number, choices: number): Promise<RushOutcome> {
  const listed = await send(origin, {
    method: 'GET',
    path: `/api/directory/clinicians/${p.clinicianId}/slots?visitTypeId=${p.visitTypeId}&from=${p.from}&days=7`,
    headers: p.headers,
  });
  const slots = (listed.json as { slots?: { start: string }[] } | null)?.slots ?? [];
  let start = pickOne(slots, choices)?.start;
  const bookings: LoadResult[] = [];
  while (start && bookings.length < maxAttempts) {
    const answer = await send(origin, {
      method: 'POST',
      path: '/api/appointments',
      headers: { ...p.headers, 'idempotency-key': randomUUID() },
      body: { clinicianId: p.clinicianId, visitTypeId: p.visitTypeId, start, reason: 'Benchmark rush' },
    });
    bookings.push(strip(answer));
    if (answer.status !== 409) break;
    // A lost race offers the next open times; take one, as a person tapping an alternative would.
    const offered = (answer.json as { nextSlots?: string[] } | null)?.nextSlots ?? [];
    start = pickOne(offered, choices);
  }
  const last = bookings[bookings.length - 1];
  return { attempts: bookings.length, booked: last?.status === 201, slotList: strip(listed), bookings };
}

function reply(message: LoadReply): void {
  process.send?.(message);
}

process.on('message', (raw: LoadCommand) => {
  void (async () => {
    if (raw.type === 'exit') {
      process.disconnect();
      return;
    }
    const started = performance.now();
    if (raw.type === 'batch') {
      const results = await batch(raw.origin, raw.requests, raw.concurrency);
      reply({ type: 'batch', id: raw.id, wallMs: performance.now() - started, results });
    } else if (raw.type === 'timed') {
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const [results, probeResults] = await Promise.all([
        timed(raw.origin, raw.requests, raw.concurrency, raw.durationMs),
        raw.probe ? probing(raw.probe, started + raw.durationMs) : Promise.resolve([]),
      ]);
      lag.disable();
      reply({
        type: 'timed',
        id: raw.id,
        wallMs: performance.now() - started,
        results,
        probeResults,
        clientLagP99Ms: lag.percentile(99) / 1e6,
      });
    } else {
      const outcomes = await Promise.all(raw.patients.map((p) => rushOne(raw.origin, p, raw.maxAttempts, raw.choices)));
      reply({ type: 'rush', id: raw.id, wallMs: performance.now() - started, outcomes });
    }
  })();
});

if (!process.send) {
  console.error('bench/http-load.ts is started by the booking and directory benchmarks, not on its own.');
  process.exit(1);
}
reply({ type: 'ready' });
