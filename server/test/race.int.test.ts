import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';
import { clinicTime, createClinician } from './scheduling-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('no double-booking, by construction', () => {
  it('200 concurrent bookings of one slot give exactly 1 booking and 199 conflicts', async () => {
    const clinician = await createClinician(ctx);
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const patients = await ctx.database.db
      .insertInto('patients')
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          organization_id: ctx.orgId,
          given_name: 'Race',
          family_name: `Patient ${i}`,
          birth_date: '1970-01-01',
        })),
      )
      .returning('id')
      .execute();
    const start = clinicTime(20, '10:00');
    const results = await Promise.all(
      patients.map((p) =>
        staff.inject('POST', '/api/appointments', {
          clinicianId: clinician.id,
          visitTypeId: clinician.followUpId,
          start,
          patientId: p.id,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    // Anything but a booking or a conflict is a defect; show it rather than only a count.
    expect(results.filter((r) => r.statusCode !== 201 && r.statusCode !== 409).map((r) => r.body)).toEqual([]);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(199);
    expect(new Set(results.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(
      new Set(['slot_taken']),
    );
    const overlaps = await sql<{ n: string }>`
      select count(*) as n from appointments a join appointments b
        on a.clinician_id = b.clinician_id and a.id < b.id
       and tstzrange(a.start_at, a.busy_until) && tstzrange(b.start_at, b.busy_until)
      where a.clinician_id = ${clinician.id}
        and a.status in ('pending','booked','arrived','checked-in') and b.status in ('pending','booked','arrived','checked-in')`.execute(
      ctx.database.db,
    );
    expect(Number(overlaps.rows[0]?.n)).toBe(0);
  }, 120_000);

  it('the database refuses an overlapping insert even when the application checks are bypassed', async () => {
    const clinician = await createClinician(ctx);
    const a = await ctx.database.db
      .insertInto('patients')
      .values({ organization_id: ctx.orgId, given_name: 'A', family_name: 'A', birth_date: '1970-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b = await ctx.database.db
      .insertInto('patients')
      .values({ organization_id: ctx.orgId, given_name: 'B', family_name: 'B', birth_date: '1970-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = (patientId: string, startIso: string) => ({
      organization_id: ctx.orgId,
      clinician_id: clinician.id,
      patient_id: patientId,
      visit_type_id: clinician.followUpId,
      mode: 'video' as const,
      status: 'booked' as const,
      start_at: startIso,
      end_at: new Date(new Date(startIso).getTime() + 30 * 60_000),
      busy_until: new Date(new Date(startIso).getTime() + 30 * 60_000),
    });
    await ctx.database.db
      .insertInto('appointments')
      .values(row(a.id, clinicTime(21, '10:00')))
      .execute();
    await expect(
      ctx.database.db
        .insertInto('appointments')
        .values(row(b.id, clinicTime(21, '10:15')))
        .execute(),
    ).rejects.toThrow(/appointments_no_clinician_overlap/);
    // A cancelled appointment no longer holds the time.
    await ctx.database.db
      .updateTable('appointments')
      .set({ status: 'cancelled' })
      .where('clinician_id', '=', clinician.id)
      .execute();
    await ctx.database.db
      .insertInto('appointments')
      .values(row(b.id, clinicTime(21, '10:15')))
      .execute();
  });
});
