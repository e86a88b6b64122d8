import type { OpinionList, OpinionRequest } from '@portico/contracts';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoOpinions } from '../src/demo/opinions.js';
import { hashPassword } from '../src/modules/identity/service.js';
import { parseDicom } from '../src/modules/files/dicom.js';
import { createPatient, createTestContext, createUser, PASSWORD, signIn, type TestContext } from './context.js';
import { createSpecialist, ensureDepartment, opinionEnv } from './opinions-fixtures.js';

const EMAIL = 'patient@example.org';
let ctx: TestContext;

/** Eleanor's account, made here (or found, when a PostgreSQL test database already has her). */
async function eleanor(): Promise<string> {
  const db = ctx.database.db;
  const found = await db
    .selectFrom('patients as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select('p.id')
    .where('u.email', '=', EMAIL)
    .executeTakeFirst();
  if (found) return found.id;
  const user = await db
    .insertInto('users')
    .values({
      email: EMAIL,
      role: 'patient',
      given_name: 'Eleanor',
      family_name: 'Whitfield',
      organization_id: ctx.orgId,
      password_hash: await hashPassword(PASSWORD),
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return createPatient(ctx, { userId: user.id, email: EMAIL });
}

beforeAll(async () => {
  ctx = await createTestContext(opinionEnv());
  await ensureDepartment(ctx, 'cardiac', 'Cardiac');
  await createSpecialist(ctx, (await createUser(ctx, 'clinician')).id, 'cardiac');
});
afterAll(() => ctx.close());

describe('demo second opinion', () => {
  it('gives Eleanor one Cardiology request under review whose files download through the encrypted store', async () => {
    const patientId = await eleanor();
    await ensureDemoOpinions(ctx.database.db, ctx.config.files);
    await ensureDemoOpinions(ctx.database.db, ctx.config.files); // a restart adds nothing
    const rows = await ctx.database.db
      .selectFrom('second_opinion_requests')
      .select('id')
      .where('patient_id', '=', patientId)
      .execute();
    expect(rows).toHaveLength(1);

    const agent = await signIn(ctx.app, EMAIL);
    const list = (await agent.inject('GET', '/api/second-opinions')).json<OpinionList>();
    expect(list.requests.map((r) => [r.serviceLineCode, r.status])).toEqual([['cardiac', 'under_review']]);
    const request = (await agent.inject('GET', `/api/second-opinions/${rows[0]?.id}`)).json<OpinionRequest>();
    expect(request.specialist).not.toBeNull();
    expect(request.checklist.every((i) => i.state !== 'missing')).toBe(true);
    expect(request.events.map((e) => e.kind)).toEqual([
      'created',
      'document_added',
      'document_added',
      'assigned',
      'status',
    ]);
    const dicomDoc = request.documents.find((d) => d.dicom);
    expect(dicomDoc?.dicom).toMatchObject({ studyDate: '2026-02-14', modality: 'CT' });
    const pdfDoc = request.documents.find((d) => d.filename.endsWith('.pdf'));
    expect(pdfDoc?.category).toBe('records');

    const download = (docId: string | undefined) =>
      agent.inject('GET', `/api/second-opinions/${request.id}/documents/${docId}/content`);
    const pdf = await download(pdfDoc?.id);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('%%EOF');
    const dicom = await download(dicomDoc?.id);
    expect(dicom.statusCode).toBe(200);
    expect(parseDicom(dicom.rawPayload, true).studyDescription).toBe('CT CARDIAC CALCIUM SCORE');

    // At rest the files are ciphertext: neither the study description nor the PDF's text is readable.
    const dir = join(ctx.config.files.dir, 'objects', String(dicomDoc?.id).slice(0, 2));
    const onDisk = await readFile(
      join(dir, (await readdir(dir)).find((f) => f.startsWith(String(dicomDoc?.id))) ?? ''),
    );
    expect(onDisk.includes(Buffer.from('CARDIAC CALCIUM'))).toBe(false);
    expect(onDisk.includes(Buffer.from('DICM'))).toBe(false);
  });
});
