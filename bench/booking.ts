/**
 * Booking benchmark: many signed-in patients booking real open slots over HTTP against PostgreSQL,
 * with deliberate contention, then an SQL check that no clinician and no patient holds two
 * overlapping active appointments. Prints figures; asserts no timings. Exits non-zero only when
 * the data is wrong (an overlap, or 201 answers and new rows that do not match), never because
 * something is slow; 5xx answers are reported.
 *
 *   npm run bench:booking
 *   BENCH_BOOKINGS=1000 BENCH_CONCURRENCY=40 BENCH_PATIENTS=300 npm run bench:booking   (defaults 300, 20, 200)
 *   DATABASE_URL=postgres://postgres@db.internal:5432/x npm run bench:booking   (that server, own database)
 *   PORTICO_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1/scratch npm run bench:booking   (that database as is)
 *
 * By default it creates the database `portico_bench_booking` on postgres://postgres@127.0.0.1:5432
 * (or on the server DATABASE_URL names — never in DATABASE_URL's own database) and drops it at the
 * end; BENCH_KEEP_DATABASE=1 keeps it for a look. The server runs in this process with the demo
 * data; the HTTP clients run in a child process (bench/http-load.ts) so they do not share its
 * event loop.
 *
 * Phases, on separate bands of days so they cannot disturb one another (0 and 1 share the next
 * two weeks, planned together so that no two of their bookings overlap):
 *   0. one at a time — BENCH_SERIAL bookings, one in flight: the latency floor.
 *   1. spread    — BENCH_BOOKINGS bookings of distinct open slots (no two overlap for a clinician
 *                  or a patient), BENCH_CONCURRENCY in flight: the uncontended rate.
 *   2. hot slots — 10 slots (fewer with under 200 patients), 20 patients each, all 200 requests at
 *                  once: 10 × 201 and 190 × 409.
 *   3. one slot  — every bench patient (BENCH_PATIENTS) at once for one slot: 1 × 201, the rest 409.
 *   4. same time — 20 patients each book two clinicians for the same time at once: the patient
 *                  exclusion constraint lets exactly one of each pair through.
 *   5. rush      — half the patients, at once, list a popular clinician's open times, book one of
 *                  the first three, and on a 409 take one of the offered next times (up to 3 tries).
 *
 * The reference, measured in the same run: a bare node:http server in its own process
 * (bench/booking-reference.ts) that books with the one INSERT under the same exclusion constraints
 * through the same driver, after a warm-up, for the spread and one-slot phases (on days 60+ ahead,
 * its own patients' times never overlapping). Each phase reports attempts/s (answers per second of
 * wall time) beside bookings/s (201s per second), and the statements Portico sent per attempt (every
 * query through the pg driver in this process, BEGIN and COMMIT included). Ends with `RESULT booking`
 * lines; the ratios are Portico's figure over the reference's.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase, type DatabaseHandle } from '../server/src/db/client.js';
import { migrate } from '../server/src/db/migrate.js';
import { seedDemo } from '../server/src/demo/seed.js';
import type { LoadRequest, LoadResult, RushOutcome, RushPatient } from './http-load.js';
import { LoadClient } from './load-client.js';
import { freshBenchDatabase, givenBenchDatabase } from './bench-database.js';
import { envInt, ms, summarize, table } from './stats.js';
import { bookableClinicians, createPatients, signInAll, type Bookable } from './booking-setup.js';
import type { ReferenceBooking } from './booking-reference.js';

const PATIENTS = envInt('BENCH_PATIENTS', 200, 40);
const SERIAL = envInt('BENCH_SERIAL', 30);
const BOOKINGS = envInt('BENCH_BOOKINGS', 300);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 20);
const PER_HOT_SLOT = 20;
const HOT_SLOTS = Math.min(10, Math.floor(PATIENTS / PER_HOT_SLOT));
const SAME_TIME_PAIRS = 20;
const RUSH_CLINICIANS = 5;
const DAY = 86_400_000;
const ACTIVE = ['pending', 'booked', 'arrived', 'checked-in'];

// ---------------------------------------------------------------- plans

const now = Date.now();
const inBand = (fromDay: number, toDay: number) => (s: { start: number }) =>
  s.start >= now + fromDay * DAY && s.start < now + toDay * DAY;

const bookRequest = (headers: Record<string, string>, c: Bookable, start: number, reason: string): LoadRequest => ({
  method: 'POST',
  path: '/api/appointments',
  headers: { ...headers, 'idempotency-key': randomUUID() },
  body: { clinicianId: c.clinicianId, visitTypeId: c.visitTypeId, start: new Date(start).toISOString(), reason },
});

/** Phase 1: distinct slots round-robin across clinicians, each given to a patient who is free then. */
function spreadPlan(clinicians: Bookable[], patients: Record<string, string>[], count: number): LoadRequest[] {
  const perClinician = clinicians.map((c) => c.slots.filter(inBand(0, 14)));
  const busy = patients.map(() => [] as { start: number; end: number }[]);
  const requests: LoadRequest[] = [];
  let cursor = 0;
  for (let round = 0; requests.length < count; round++) {
    let any = false;
    for (const [ci, c] of clinicians.entries()) {
      const slot = perClinician[ci]?.[round];
      if (!slot || requests.length >= count) continue;
      any = true;
      for (let tries = 0; tries < patients.length; tries++) {
        const p = (cursor + tries) % patients.length;
        const mine = busy[p];
        if (!mine || mine.some((b) => b.start < slot.end && slot.start < b.end)) continue;
        mine.push(slot);
        requests.push(bookRequest(patients[p] ?? {}, c, slot.start, 'Benchmark follow-up'));
        cursor = p + 1;
        break;
      }
    }
    if (!any) break;
  }
  return requests;
}

/** Phase 4: pairs of clinicians open at the same instant, for one patient each. */
function sameTimePairs(clinicians: Bookable[], pairs: number): { a: Bookable; b: Bookable; start: number }[] {
  const byStart = new Map<number, Bookable[]>();
  for (const c of clinicians) {
    for (const s of c.slots.filter(inBand(18, 20))) byStart.set(s.start, [...(byStart.get(s.start) ?? []), c]);
  }
  const out: { a: Bookable; b: Bookable; start: number }[] = [];
  const used = new Set<string>();
  for (const [start, list] of [...byStart.entries()].sort((x, y) => x[0] - y[0])) {
    const free = list.filter((c) => !used.has(`${c.clinicianId}@${start}`));
    for (let i = 0; i + 1 < free.length && out.length < pairs; i += 2) {
      const a = free[i];
      const b = free[i + 1];
      if (!a || !b) continue;
      used.add(`${a.clinicianId}@${start}`);
      used.add(`${b.clinicianId}@${start}`);
      out.push({ a, b, start });
    }
    if (out.length >= pairs) break;
  }
  return out;
}

function clinicDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

// ---------------------------------------------------------------- statements and the reference

/** Every statement the server in this process sends through the pg driver (BEGIN and COMMIT too). */
let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  statements++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

/** Starts bench/booking-reference.ts on the bench database; resolves with its origin. */
function startReference(url: string): Promise<{ origin: string; stop(): void }> {
  const script = fileURLToPath(new URL('./booking-reference.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_REFERENCE_DATABASE_URL: url },
  });
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`the reference server exited early (${code})`)));
    proc.once('message', (m: { origin: string }) => {
      proc.removeAllListeners('exit');
      resolve({ origin: m.origin, stop: () => proc.disconnect() });
    });
  });
}

const referenceRequest = (b: ReferenceBooking): LoadRequest => ({
  method: 'POST',
  path: '/book',
  headers: {},
  body: b,
});

// ---------------------------------------------------------------- figures

interface PhaseFigures {
  name: string;
  results: LoadResult[];
  wallMs: number;
  expected: string;
  ok: boolean;
  /** Statements Portico sent during the phase (null for the reference, measured in its own process). */
  statements: number | null;
}

const count = (results: LoadResult[], status: number) => results.filter((r) => r.status === status).length;

function codes(results: LoadResult[]): string {
  const tally = new Map<string, number>();
  for (const r of results.filter((x) => x.status !== 201)) {
    const key = `${r.status} ${r.code ?? ''}`.trim();
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally.entries()].map(([k, v]) => `${v}× ${k}`).join(', ') || '–';
}

function row(f: PhaseFigures): string[] {
  const s = summarize(f.results.map((r) => r.ms));
  const created = count(f.results, 201);
  return [
    f.name,
    String(f.results.length),
    String(created),
    String(count(f.results, 409)),
    String(f.results.length - created - count(f.results, 409)),
    (f.results.length / (f.wallMs / 1000)).toFixed(0),
    (created / (f.wallMs / 1000)).toFixed(0),
    f.statements === null ? '1' : (f.statements / f.results.length).toFixed(1),
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    ms(f.wallMs),
  ];
}

function report(f: PhaseFigures): void {
  const s = summarize(f.results.map((r) => r.ms));
  console.log(
    `  ${f.name}: ${f.results.length} requests in ${ms(f.wallMs)} — ${count(f.results, 201)} × 201, ` +
      `${count(f.results, 409)} × 409; p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}; ` +
      `expected ${f.expected}${f.ok ? '' : '  ← NOT AS EXPECTED'}`,
  );
  if (f.results.length !== count(f.results, 201)) console.log(`    answers other than 201: ${codes(f.results)}`);
}

async function overlaps(database: DatabaseHandle): Promise<{ clinician: number; patient: number; active: number }> {
  const active = sql.join(ACTIVE.map((s) => sql.lit(s)));
  const clinician = await sql<{ n: string }>`
    select count(*) as n from appointments a join appointments b
      on a.clinician_id = b.clinician_id and a.id < b.id
     and tstzrange(a.start_at, a.busy_until, '[)') && tstzrange(b.start_at, b.busy_until, '[)')
    where a.status in (${active}) and b.status in (${active})`.execute(database.db);
  const patient = await sql<{ n: string }>`
    select count(*) as n from appointments a join appointments b
      on a.patient_id = b.patient_id and a.id < b.id
     and tstzrange(a.start_at, a.end_at, '[)') && tstzrange(b.start_at, b.end_at, '[)')
    where a.status in (${active}) and b.status in (${active})`.execute(database.db);
  const total = await sql<{ n: string }>`select count(*) as n from appointments where status in (${active})`.execute(
    database.db,
  );
  return {
    clinician: Number(clinician.rows[0]?.n ?? NaN),
    patient: Number(patient.rows[0]?.n ?? NaN),
    active: Number(total.rows[0]?.n ?? NaN),
  };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const target = givenBenchDatabase() ?? (await freshBenchDatabase('portico_bench_booking'));
  if (!target.url) throw new Error('no database URL');
  let database: DatabaseHandle | null = null;
  let load: LoadClient | null = null;
  let app: Awaited<ReturnType<typeof buildApp>>['app'] | null = null;
  let reference: { origin: string; stop(): void } | null = null;
  try {
    const config = loadConfig({
      PORTICO_PORT: '0',
      PORTICO_HOST: '127.0.0.1',
      PORTICO_LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] || 'silent',
      PORTICO_DATA_DIR: 'memory://',
      // Sign-in is set-up here, not what is measured; the per-IP limit would only slow it down.
      PORTICO_AUTH_RATE_LIMIT: '100000',
      PORTICO_WRITE_RATE_LIMIT: '1000000',
      // Measured here is what a booking costs, so the in-flight cap (which would turn most of a
      // 200-request burst away with 503 before it is looked at) is lifted; the other shedding stays.
      PORTICO_MAX_IN_FLIGHT: process.env['PORTICO_MAX_IN_FLIGHT'] || '100000',
      DATABASE_URL: target.url,
    });
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(database.db);
    await migrate(database);
    await seedDemo(database.db);
    const built = await buildApp(config, database);
    app = built.app;
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });

    const setupStarted = Date.now();
    const { userIds, emails } = await createPatients(database, PATIENTS);
    const patients = await signInAll(origin, emails);
    const clinicians = await bookableClinicians(origin);
    load = await LoadClient.start();
    console.log(
      `Portico booking benchmark — node ${process.version}, ${cpus().length} CPUs, ` +
        `${(totalmem() / 2 ** 30).toFixed(1)} GiB, PostgreSQL ${version.rows[0]?.v ?? '?'} at ${target.label}, ` +
        `pool of 10\n` +
        `${PATIENTS} patients signed in over HTTP, ${clinicians.length} self-scheduling demo clinicians ` +
        `(follow-up video visits), set-up ${((Date.now() - setupStarted) / 1000).toFixed(1)} s\n`,
    );
    const phases: PhaseFigures[] = [];
    const byStatus = (r: LoadResult[], created: number, conflicts: number) =>
      count(r, 201) === created && count(r, 409) === conflicts;

    // 0 and 1. one at a time, then spread
    const planned = spreadPlan(clinicians, patients, SERIAL + BOOKINGS);
    const serial = planned.slice(0, SERIAL);
    const spread = planned.slice(SERIAL);
    statements = 0;
    const p0 = await load.batch(origin, serial, 1);
    phases.push({
      name: 'one at a time',
      results: p0.results,
      wallMs: p0.wallMs,
      statements,
      expected: `${serial.length} × 201`,
      ok: byStatus(p0.results, serial.length, 0),
    });
    report(phases[phases.length - 1] as PhaseFigures);
    statements = 0;
    const p1 = await load.batch(origin, spread, CONCURRENCY);
    phases.push({
      name: `spread (${CONCURRENCY} in flight)`,
      results: p1.results,
      wallMs: p1.wallMs,
      statements,
      expected: `${spread.length} × 201`,
      ok: byStatus(p1.results, spread.length, 0),
    });
    report(phases[phases.length - 1] as PhaseFigures);

    // 2. hot slots
    const hot = clinicians
      .map((c) => ({ c, slot: c.slots.find(inBand(14, 16)) }))
      .filter((x) => x.slot)
      .slice(0, HOT_SLOTS);
    const hotRequests = hot.flatMap(({ c, slot }, k) =>
      Array.from({ length: PER_HOT_SLOT }, (_, j) =>
        bookRequest(patients[k * PER_HOT_SLOT + j] ?? {}, c, slot?.start ?? 0, 'Benchmark hot slot'),
      ),
    );
    statements = 0;
    const p2 = await load.batch(origin, hotRequests, hotRequests.length);
    phases.push({
      name: `hot slots (${hot.length} × ${PER_HOT_SLOT} at once)`,
      results: p2.results,
      wallMs: p2.wallMs,
      statements,
      expected: `${hot.length} × 201, ${hot.length * (PER_HOT_SLOT - 1)} × 409`,
      ok: byStatus(p2.results, hot.length, hot.length * (PER_HOT_SLOT - 1)),
    });
    report(phases[phases.length - 1] as PhaseFigures);

    // 3. one slot, everyone at once
    const single = clinicians[0];
    const singleSlot = single?.slots.find(inBand(16, 18));
    if (!single || !singleSlot) throw new Error('no open slot 16–18 days ahead for the one-slot phase');
    const oneRequests = patients.map((h) => bookRequest(h, single, singleSlot.start, 'Benchmark one slot'));
    statements = 0;
    const p3 = await load.batch(origin, oneRequests, oneRequests.length);
    phases.push({
      name: `one slot (${oneRequests.length} at once)`,
      results: p3.results,
      wallMs: p3.wallMs,
      statements,
      expected: `1 × 201, ${oneRequests.length - 1} × 409`,
      ok: byStatus(p3.results, 1, oneRequests.length - 1),
    });
    report(phases[phases.length - 1] as PhaseFigures);

    // 4. one patient, two clinicians, same time
    const pairs = sameTimePairs(clinicians, SAME_TIME_PAIRS);
    const pairRequests = pairs.flatMap(({ a, b, start }, i) => [
      bookRequest(patients[i] ?? {}, a, start, 'Benchmark same time A'),
      bookRequest(patients[i] ?? {}, b, start, 'Benchmark same time B'),
    ]);
    statements = 0;
    const p4 = await load.batch(origin, pairRequests, pairRequests.length);
    phases.push({
      name: `same time (${pairs.length} patients × 2 clinicians)`,
      results: p4.results,
      wallMs: p4.wallMs,
      statements,
      expected: `${pairs.length} × 201, ${pairs.length} × 409`,
      ok: byStatus(p4.results, pairs.length, pairs.length),
    });
    report(phases[phases.length - 1] as PhaseFigures);

    // 5. rush
    const popular = clinicians.slice(1, 1 + RUSH_CLINICIANS);
    const rushers: RushPatient[] = patients.slice(0, Math.ceil(patients.length / 2)).map((headers, i) => {
      const c = popular[i % popular.length] as Bookable;
      return {
        headers,
        clinicianId: c.clinicianId,
        visitTypeId: c.visitTypeId,
        from: clinicDate(now + 21 * DAY, c.timeZone),
      };
    });
    statements = 0;
    const p5 = await load.rush(origin, rushers);
    const attempts = p5.outcomes.flatMap((o: RushOutcome) => o.bookings);
    phases.push({
      name: `rush (${rushers.length} patients, ${popular.length} clinicians)`,
      results: attempts,
      wallMs: p5.wallMs,
      statements,
      expected: 'no overlaps; some patients may end without a booking after 3 tries',
      ok: true,
    });
    report(phases[phases.length - 1] as PhaseFigures);
    const booked = p5.outcomes.filter((o) => o.booked).length;
    const tries = [1, 2, 3].map((n) => p5.outcomes.filter((o) => o.booked && o.attempts === n).length);
    const listing = summarize(p5.outcomes.map((o) => o.slotList.ms));
    console.log(
      `    ${booked} of ${rushers.length} patients booked (${tries.map((n, i) => `${n} on try ${i + 1}`).join(', ')}); ` +
        `listing open times: p50 ${ms(listing.p50)}, p99 ${ms(listing.p99)}`,
    );

    // The reference: the bare INSERT, out of process, after a warm-up, on days 60+ ahead.
    reference = await startReference(target.url);
    const patientIds = (
      await database.db.selectFrom('patients').select('id').where('user_id', 'in', userIds).execute()
    ).map((p) => p.id);
    const base = Math.ceil((now + 60 * DAY) / 3_600_000) * 3_600_000;
    const bare = (i: number, c: Bookable, patientId: string): LoadRequest =>
      referenceRequest({
        organizationId: c.organizationId,
        clinicianId: c.clinicianId,
        patientId,
        visitTypeId: c.visitTypeId,
        start: new Date(base + i * 3_600_000).toISOString(),
        end: new Date(base + i * 3_600_000 + 20 * 60_000).toISOString(),
      });
    const nth = <T>(list: T[], i: number): T => list[i % list.length] as T;
    // Every reference request at its own hour, so nothing overlaps but the one slot.
    const warmUp = Array.from({ length: 50 }, (_, i) =>
      bare(spread.length + i, nth(clinicians, i), nth(patientIds, i)),
    );
    const w = await load.batch(reference.origin, warmUp, CONCURRENCY);
    const refSpread = Array.from({ length: spread.length }, (_, i) => bare(i, nth(clinicians, i), nth(patientIds, i)));
    const r1 = await load.batch(reference.origin, refSpread, CONCURRENCY);
    const refOne = patientIds.map((id) => bare(spread.length + 100, single, id));
    const r3 = await load.batch(reference.origin, refOne, refOne.length);
    const refPhases: PhaseFigures[] = [
      {
        name: `reference: spread (${CONCURRENCY} in flight)`,
        results: r1.results,
        wallMs: r1.wallMs,
        expected: `${refSpread.length} × 201`,
        ok: byStatus(r1.results, refSpread.length, 0),
        statements: null,
      },
      {
        name: `reference: one slot (${refOne.length} at once)`,
        results: r3.results,
        wallMs: r3.wallMs,
        expected: `1 × 201, ${refOne.length - 1} × 409`,
        ok: byStatus(r3.results, 1, refOne.length - 1),
        statements: null,
      },
    ];
    for (const f of refPhases) report(f);
    const refRows = await database.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('reason', '=', 'Bench reference')
      .executeTakeFirstOrThrow();
    const refAll = [...w.results, ...r1.results, ...r3.results];
    const refCreated = count(refAll, 201);
    const refUnknown = count(refAll, 0);

    // Verification, in SQL
    const check = await overlaps(database);
    const benchRows = await database.db
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('created_by', 'in', userIds)
      .executeTakeFirstOrThrow();
    const all = phases.flatMap((f) => f.results);
    const created = count(all, 201);
    const failures = all.filter((r) => r.status === 0 || r.status >= 500).length;
    // A client that gave up waiting does not know whether its booking went through; the server may have committed it.
    const unknown = count(all, 0);

    console.log(
      `\n${table([
        [
          'phase',
          'requests',
          '201',
          '409',
          'other',
          'attempts/s',
          'bookings/s',
          'stmts/attempt',
          'p50',
          'p95',
          'p99',
          'wall',
        ],
        ...phases.map(row),
        ...refPhases.map(row),
      ])}\n`,
    );
    console.log(
      `Overlapping active appointments: ${check.clinician} per clinician, ${check.patient} per patient ` +
        `(${check.active} active appointments in the database).\n` +
        `Appointments created by bench patients: ${Number(benchRows.n)}; 201 answers: ${created}` +
        `${unknown ? ` (and ${unknown} clients that gave up waiting, whose bookings may have gone through)` : ''}. ` +
        `Transport errors and 5xx: ${failures}. Reference rows: ${Number(refRows.n)}; its 201 answers: ${refCreated}.\n` +
        `Load average while running (1, 5, 15 min): ${loadavg()
          .map((l) => l.toFixed(1))
          .join(', ')}.\n`,
    );
    const [p0f, p1f, p2f, p3f, , p5f] = phases as [PhaseFigures, ...PhaseFigures[]];
    const [r1f, r3f] = refPhases as [PhaseFigures, PhaseFigures];
    const perS = (f: PhaseFigures, status?: number) =>
      (status === undefined ? f.results.length : count(f.results, status)) / (f.wallMs / 1000);
    const p99 = (f: PhaseFigures) => summarize(f.results.map((r) => r.ms)).p99;
    const perAttempt = (f: PhaseFigures | undefined) => (f ? (f.statements ?? 0) / f.results.length : NaN);
    const result = (figure: string, value: number, unit: string, extra = '') =>
      console.log(`RESULT booking ${figure} ${value.toFixed(unit === 'ms' ? 0 : 1)} ${unit}${extra}`);
    result('one_at_a_time_p50', summarize(p0f.results.map((r) => r.ms)).p50, 'ms');
    result('one_at_a_time_statements_per_booking', perAttempt(p0f), 'statements');
    if (p1f) {
      result(
        'spread_bookings_per_s',
        perS(p1f, 201),
        'bookings/s',
        ` ratio=${(perS(p1f, 201) / perS(r1f, 201)).toFixed(3)}`,
      );
      result('spread_attempts_per_s', perS(p1f), 'attempts/s', ` ratio=${(perS(p1f) / perS(r1f)).toFixed(3)}`);
      result('spread_p99', p99(p1f), 'ms', ` ratio=${(p99(p1f) / p99(r1f)).toFixed(2)}`);
    }
    if (p2f) result('hot_slots_attempts_per_s', perS(p2f), 'attempts/s', ` p99=${p99(p2f).toFixed(0)}ms`);
    if (p3f) {
      result('one_slot_attempts_per_s', perS(p3f), 'attempts/s', ` ratio=${(perS(p3f) / perS(r3f)).toFixed(3)}`);
      result('one_slot_p99', p99(p3f), 'ms', ` ratio=${(p99(p3f) / p99(r3f)).toFixed(2)}`);
      result('one_slot_statements_per_attempt', perAttempt(p3f), 'statements');
    }
    if (p5f) result('rush_attempts_per_s', perS(p5f), 'attempts/s', ` bookings_per_s=${perS(p5f, 201).toFixed(1)}`);
    result('reference_spread_bookings_per_s', perS(r1f, 201), 'bookings/s');
    result('reference_one_slot_p99', p99(r3f), 'ms');
    if (failures > 0) {
      console.log(
        `WARNING: ${failures} requests got a 5xx or no answer — a lost race must be a 409. ` +
          'BENCH_LOG_LEVEL=error prints the server errors.',
      );
    }
    // Only wrong data fails the run: an overlap, or a 201 without its row (or a row without its 201,
    // beyond the requests whose clients gave up waiting).
    if (
      check.clinician !== 0 ||
      check.patient !== 0 ||
      Number(benchRows.n) < created ||
      Number(benchRows.n) > created + unknown ||
      Number(refRows.n) < refCreated ||
      Number(refRows.n) > refCreated + refUnknown
    ) {
      console.error('BOOKING CORRECTNESS CHECK FAILED (see the counts above).');
      process.exitCode = 1;
    } else if (phases.some((f) => !f.ok)) {
      console.log('A phase did not give the expected split (see above); no overlapping appointment was written.');
    }
  } finally {
    load?.stop();
    reference?.stop();
    await app?.close();
    await database?.close();
    await target.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
