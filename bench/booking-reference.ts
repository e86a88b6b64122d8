/**
 * bench:booking's reference, in its own Node process (started by bench/booking.ts; never on its
 * own): a bare node:http server that books with one statement — the INSERT into `appointments`
 * under the same exclusion constraints, through the same driver (`pg`, a pool of 10 as Portico's)
 * — and answers 201 or, when a constraint refuses it, 409. No session, no availability, no event,
 * audit, jobs or idempotency: the least a booking can cost, so the ratio says what Portico adds.
 *
 * Sends `{ origin }` over IPC once listening; exits when the parent disconnects.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

/** One bare booking: everything the row needs, decided by the bench. */
export interface ReferenceBooking {
  organizationId: string;
  clinicianId: string;
  patientId: string;
  visitTypeId: string;
  start: string;
  end: string;
}

const url = process.env['BENCH_REFERENCE_DATABASE_URL'];
if (!url || !process.send) {
  console.error('bench/booking-reference.ts is started by bench/booking.ts.');
  process.exit(1);
}
const pool = new pg.Pool({ connectionString: url, max: 10 });

async function book(b: ReferenceBooking): Promise<number> {
  try {
    await pool.query(
      `INSERT INTO appointments (id, organization_id, clinician_id, patient_id, visit_type_id, mode, status,
         start_at, end_at, busy_until, reason)
       VALUES ($1, $2, $3, $4, $5, 'video', 'booked', $6, $7, $7, 'Bench reference')`,
      [randomUUID(), b.organizationId, b.clinicianId, b.patientId, b.visitTypeId, b.start, b.end],
    );
    return 201;
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === '23P01') return 409;
    throw err;
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    book(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReferenceBooking).then(
      (status) => {
        const text = status === 201 ? '{}' : '{"code":"slot_taken"}';
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      },
      (err: unknown) => {
        console.error(err);
        res.writeHead(500).end();
      },
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
// Requests a timed-out client left behind may still be running; they end with the process.
process.on('disconnect', () => process.exit(0));
