import underPressure, { TYPE_HEAP_USED_BYTES } from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '@portico/contracts';
import type { OperationsConfig } from '../config.js';

export interface LoadSheddingOptions {
  ops: OperationsConfig;
  /** Queries waiting for a database connection now. */
  waiting: () => number;
  /** The standing wait for a database connection, in ms (see db/queue-delay.ts). */
  standingWaitMs: () => number;
}

/** Probes and metrics always answer, so a load balancer can tell "busy" from "down". */
const EXEMPT = /^\/(healthz|readyz|metrics)(\?|$)/;
const RETRY_AFTER_SECONDS = 2;
const WARM_UP_MS = 2000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function problem(request: FastifyRequest, status: number, code: Problem['code'], detail: string): Problem {
  return {
    type: `https://portico.invalid/problems/${code}`,
    title: status === 503 ? 'Service unavailable' : 'Too many requests',
    status,
    code,
    detail,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    requestId: request.id,
  };
}

/** Answers 503 at once; the hook chain stops because the reply is sent. */
function overloaded(request: FastifyRequest, reply: FastifyReply, why: string): FastifyReply {
  request.log.warn({ why }, 'overloaded: request turned away');
  return reply
    .status(503)
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .type('application/problem+json')
    .send(problem(request, 503, 'overloaded', 'Portico is very busy right now. Please try again in a few seconds.'));
}

/**
 * Turns requests away quickly (503 + Retry-After) before the server collapses, instead of letting
 * every request time out: when the event loop lags or the heap nears V8's limit
 * (@fastify/under-pressure), when queries queue for the database (a standing wait, or too many
 * waiting), and past a per-session write rate.
 * Requests already accepted finish; only new ones are refused.
 */
export async function registerLoadShedding(app: FastifyInstance, opts: LoadSheddingOptions): Promise<void> {
  const { ops } = opts;
  // Start-up (compiling schemas, loading demo data) blocks the loop for seconds; that is not
  // overload, so the event-loop signal counts only from a moment after the server is ready.
  let measuringSince = Number.POSITIVE_INFINITY;
  app.addHook('onReady', async () => {
    measuringSince = Date.now() + WARM_UP_MS;
  });
  await app.register(underPressure, {
    maxEventLoopDelay: ops.maxEventLoopDelayMs,
    maxHeapUsedBytes: ops.maxHeapUsedMb * 1024 * 1024,
    sampleInterval: 200,
    retryAfter: RETRY_AFTER_SECONDS,
    pressureHandler: (request, reply, type, value) => {
      if (EXEMPT.test(request.url)) return;
      // The heap has no start-up artefact to wait out: it counts from the first sample.
      if (type === TYPE_HEAP_USED_BYTES) {
        overloaded(request, reply, `heap ${Math.round((value ?? 0) / (1024 * 1024))} MiB`);
        return;
      }
      if (Date.now() < measuringSince) return;
      // No sample at all in a window reads as Infinity; the loop is turning now, so it is no signal.
      if (value === Number.POSITIVE_INFINITY) return;
      overloaded(request, reply, `${type} ${Math.round(value ?? 0)}`);
    },
  });

  // Requests being worked on: past the cap, a new one is refused before it queues behind the
  // others. With the cap C and a throughput of R requests/s, an accepted request waits about C/R.
  let inFlight = 0;
  const counted = new WeakSet<FastifyRequest>();
  // Once per request, however its exchange ends: answered (onResponse), abandoned by the client
  // (onRequestAbort), or its socket closed first.
  const release = (request: FastifyRequest): void => {
    if (counted.delete(request)) inFlight--;
  };
  app.addHook('onResponse', (request, _reply, done) => {
    release(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    release(request);
    done();
  });
  // Callback style: most requests pass without a promise to settle (issue 16, lever 3). A refusal
  // sends the answer and leaves `done` uncalled, which ends the hook chain.
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/fhir/')) return done();
    // A WebSocket upgrade becomes a visit's connection, open as long as the page is: not a request
    // being worked on (no answer ends it), so it takes no place under the cap.
    if (request.headers.upgrade === undefined) {
      if (inFlight >= ops.maxInFlight) return void overloaded(request, reply, `${inFlight} requests in flight`);
      inFlight++;
      counted.add(request);
    }
    const waiting = opts.waiting();
    if (waiting > ops.maxDatabaseQueue) return void overloaded(request, reply, `database queue ${waiting}`);
    const standing = opts.standingWaitMs();
    if (ops.maxDatabaseWaitMs > 0 && standing > ops.maxDatabaseWaitMs) {
      return void overloaded(request, reply, `database wait ${Math.round(standing)} ms`);
    }
    done();
  });

  const writes = new WriteCounter(ops.writeRateLimitPerMinute);
  // preValidation runs after auth's onRequest (so a signed-in request counts against its session)
  // and before the body is checked (so malformed writes count too).
  app.addHook('preValidation', (request, reply, done) => {
    if (!WRITE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return done();
    const key = request.session ? `s:${request.session.id}` : `ip:${request.ip}`;
    if (writes.take(key)) return done();
    void reply
      .status(429)
      .header('retry-after', '60')
      .type('application/problem+json')
      .send({
        ...problem(
          request,
          429,
          'rate_limited',
          'Too many changes in a short time. Please wait a minute and try again.',
        ),
        retryAfterSeconds: 60,
      });
  });
}

/** Fixed one-minute windows per key, in this process's memory (each instance counts its own). */
class WriteCounter {
  #window = 0;
  #counts = new Map<string, number>();
  constructor(private readonly perMinute: number) {}

  /** Counts one write for `key`; false when the key is past its limit this minute. */
  take(key: string): boolean {
    const window = Math.floor(Date.now() / 60_000);
    if (window !== this.#window) {
      this.#window = window;
      this.#counts.clear();
    }
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count <= this.perMinute;
  }
}
