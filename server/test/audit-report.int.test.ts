import type { AuditList } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, uniq, type TestContext } from './context.js';

// Issue 13, item 5: privacy-officer reports — every access to one patient's record, or by one
// user, in a date range, as a CSV a spreadsheet can open safely; the download itself is audited.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

/** CSV text into rows of cells (RFC 4180: quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

async function patientWithTrickyName() {
  const patient = await createUser(ctx, 'patient');
  const family = `Q${uniq('x').slice(2)}`;
  await ctx.database.db
    .updateTable('patients')
    .set({ given_name: '=cmd|calc', family_name: `${family}, "Jr"` })
    .where('id', '=', patient.patientId)
    .execute();
  return { ...patient, family };
}

describe('privacy-officer audit report (CSV)', () => {
  it("lists every access to one patient's record, escaped and formula-safe, and audits the download", async () => {
    const patient = await patientWithTrickyName();
    const admin = await createUser(ctx, 'admin');
    const self = await signIn(ctx.app, patient.email);
    for (let i = 0; i < 3; i++)
      expect((await self.inject('GET', `/api/patients/${patient.patientId}`)).statusCode).toBe(200);
    const agent = await signIn(ctx.app, admin.email);

    const res = await agent.inject('GET', `/api/admin/audit/report.csv?patient=${encodeURIComponent(patient.family)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="portico-audit-report-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.body.startsWith('\uFEFFtime_utc,action,outcome,actor_name')).toBe(true);
    // The name cell holds a comma and quotes (quoted, doubled) and starts with "=" (defused).
    expect(res.body).toContain(`"'=cmd|calc ${patient.family}, ""Jr"""`);
    const [header, ...rows] = parseCsv(res.body.slice(1));
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const reads = rows.filter((r) => r[col('action')] === 'patient.read');
    expect(reads).toHaveLength(3);
    for (const r of reads) {
      expect(r[col('patient_name')]).toBe(`'=cmd|calc ${patient.family}, "Jr"`);
      expect(r[col('patient_id')]).toBe(patient.patientId);
      expect(r[col('actor_user_id')]).toBe(patient.id);
      expect(r[col('outcome')]).toBe('allowed');
      expect(Date.parse(r[col('time_utc')] ?? '')).not.toBeNaN();
      expect(r).toHaveLength(header?.length ?? 0);
    }
    const audited = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'detail'])
      .where('actor_user_id', '=', admin.id)
      .where('action', '=', 'audit.report.download')
      .execute();
    expect(audited).toEqual([
      {
        action: 'audit.report.download',
        outcome: 'allowed',
        detail: expect.objectContaining({ byPatientNameOrMrn: true }),
      },
    ]);
  });

  it("lists one user's accesses in a date range; a range with none gives just the header", async () => {
    const patient = await patientWithTrickyName();
    const admin = await createUser(ctx, 'admin');
    const from = new Date(Date.now() - 60_000).toISOString();
    const self = await signIn(ctx.app, patient.email);
    await self.inject('GET', `/api/patients/${patient.patientId}`);
    const agent = await signIn(ctx.app, admin.email);
    const q = (range: string) => `/api/admin/audit/report.csv?userId=${patient.id}&${range}`;

    const inRange = parseCsv((await agent.inject('GET', q(`from=${encodeURIComponent(from)}`))).body.slice(1));
    expect(inRange.length).toBeGreaterThanOrEqual(3); // header, sign-in, read
    expect(inRange.slice(1).every((r) => r[6] === patient.id)).toBe(true);
    expect(inRange.slice(1).map((r) => r[1])).toEqual(expect.arrayContaining(['auth.login', 'patient.read']));

    const future = new Date(Date.now() + 3_600_000).toISOString();
    const empty = parseCsv((await agent.inject('GET', q(`from=${encodeURIComponent(future)}`))).body.slice(1));
    expect(empty).toHaveLength(1);
  });

  it('refuses a report without a patient or user, a mistyped MRN, and anyone but an admin', async () => {
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const none = await admin.inject('GET', '/api/admin/audit/report.csv');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'validation_failed' });
    const typo = await admin.inject('GET', '/api/admin/audit/report.csv?patient=1234-5678-0');
    expect(typo.statusCode).toBe(400);
    const staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
    const patient = await createUser(ctx, 'patient');
    expect((await staff.inject('GET', `/api/admin/audit/report.csv?userId=${patient.id}`)).statusCode).toBe(403);
  });
});

describe('finding the person who acted by name or email', () => {
  /** A staff member with a name of their own who reads one patient's record. */
  async function namedReader(given: string, family: string, patientId: string) {
    const user = await createUser(ctx, 'staff');
    await ctx.database.db
      .updateTable('users')
      .set({ given_name: given, family_name: family })
      .where('id', '=', user.id)
      .execute();
    const agent = await signIn(ctx.app, user.email);
    expect((await agent.inject('GET', `/api/patients/${patientId}`)).statusCode).toBe(200);
    return user;
  }

  it('the log and the CSV report find one person by words of their name or the start of their email', async () => {
    const patient = await createUser(ctx, 'patient');
    const family = `Vasquez${uniq('n').slice(2)}`;
    const marta = await namedReader('Marta', family, patient.patientId ?? '');
    // Same family name, another given name: only "marta" tells them apart.
    const other = await namedReader('Bruno', family, patient.patientId ?? '');
    const admin = await signIn(ctx.app, (await createUser(ctx, 'admin')).email);
    const actors = async (user: string) => {
      const res = await admin.inject('GET', `/api/admin/audit?user=${encodeURIComponent(user)}&limit=200`);
      expect(res.statusCode, res.body).toBe(200);
      return [...new Set(res.json<AuditList>().events.map((e) => e.actorUserId))].sort();
    };

    expect(await actors(`marta ${family.toUpperCase()}`)).toEqual([marta.id]);
    expect(await actors(`${family.slice(0, 9)} mar`)).toEqual([marta.id]);
    expect(await actors(family)).toEqual([marta.id, other.id].sort());
    expect(await actors(marta.email.slice(0, marta.email.indexOf('@') + 1).toUpperCase())).toEqual([marta.id]);
    expect(await actors(marta.id)).toEqual([marta.id]);
    // LIKE wildcards are taken literally: "%" finds no one rather than everyone.
    expect(await actors('%@')).toEqual([]);

    const csv = await admin.inject('GET', `/api/admin/audit/report.csv?user=${encodeURIComponent(`Marta ${family}`)}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const rows = parseCsv(csv.body.slice(1));
    const header = rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    expect(rows.length).toBeGreaterThanOrEqual(3); // header, sign-in, read
    expect(rows.slice(1).every((r) => r[col('actor_email')] === marta.email)).toBe(true);
    expect(rows.slice(1).map((r) => r[col('action')])).toEqual(expect.arrayContaining(['auth.login', 'patient.read']));

    // Punctuation alone names no one: a field error, never a report of everyone.
    const nothing = await admin.inject('GET', '/api/admin/audit/report.csv?user=%21%21');
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'user' }] });
  });
});
