import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CreatedPhysicianLink, OpinionRequest, PhysicianLinkView } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createTestContext, createUser, signIn, type Agent, type TestContext } from './context.js';
import { fakeDicom, makeDicom } from './dicom-fixtures.js';
import {
  createRequest,
  ensureDepartment,
  opinionEnv,
  PDF,
  PNG,
  tusCreate,
  tusHead,
  tusPatch,
  uploadFile,
} from './opinions-fixtures.js';
import { DISCARD_UPLOADS_JOB } from '../src/modules/opinions/uploads.js';

let ctx: TestContext;
let dept: string;
let patient: Agent;
let staff: Agent;
let filesDir: string;

beforeAll(async () => {
  const env = opinionEnv();
  filesDir = env['PORTICO_FILES_DIR'] ?? '';
  ctx = await createTestContext(env);
  dept = await ensureDepartment(ctx);
  patient = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(() => ctx.close());

const read = async (agent: Agent, id: string) =>
  (await agent.inject('GET', `/api/second-opinions/${id}`)).json<OpinionRequest>();
const code = (res: { json<T>(): T }) => res.json<{ code: string }>().code;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function allStoredBytes(): Promise<Buffer> {
  const out: Buffer[] = [];
  for (const entry of await readdir(filesDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.push(await readFile(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(out);
}

async function partFiles(): Promise<string[]> {
  return (await readdir(join(filesDir, 'uploads')).catch(() => [])).filter((f) => f.endsWith('.part'));
}

describe('record uploads', () => {
  it('refuses what is not what it claims, storing nothing', async () => {
    const req = await createRequest(patient, dept);
    const who = { agent: patient };
    const fake = await uploadFile(ctx, who, req.id, fakeDicom(), { filename: 'scan.dcm', category: 'imaging' });
    expect([fake.statusCode, code(fake)]).toEqual([422, 'dicom_invalid']);
    const pdfAsDcm = await uploadFile(ctx, who, req.id, PDF(), { filename: 'scan.dcm', category: 'imaging' });
    expect([pdfAsDcm.statusCode, code(pdfAsDcm)]).toEqual([422, 'dicom_invalid']);
    const exe = Buffer.concat([Buffer.from('MZ'), randomBytes(400)]);
    const renamed = await uploadFile(ctx, who, req.id, exe, { filename: 'report.pdf', category: 'records' });
    expect([renamed.statusCode, code(renamed)]).toEqual([415, 'upload_type_not_allowed']);
    expect(renamed.json<{ detail: string }>().detail).toMatch(/program/);
    const view = await read(patient, req.id);
    expect(view.documents).toEqual([]);
    expect(await partFiles()).toEqual([]);
    const png = await uploadFile(ctx, who, req.id, PNG, { filename: 'rash.png', category: 'other' });
    expect(png.statusCode).toBe(204);
  });

  it('reads the DICOM header of an accepted study', async () => {
    const req = await createRequest(patient, dept);
    const dicom = makeDicom({ studyDate: '20231130', modality: 'CT', studyDescription: 'CHEST CT', implicit: true });
    const res = await uploadFile(ctx, { agent: patient }, req.id, dicom, { filename: 'ct.dcm', category: 'records' });
    expect(res.statusCode).toBe(204);
    const doc = (await read(staff, req.id)).documents[0];
    expect(doc).toMatchObject({ contentType: 'application/dicom', category: 'imaging' });
    expect(doc?.dicom).toEqual({ studyDate: '2023-11-30', modality: 'CT', studyDescription: 'CHEST CT' });
  });

  it('turns away files over the limit: at creation, mid-stream, and past the declared length', async () => {
    const req = await createRequest(patient, dept);
    const who = { agent: patient };
    const huge = await tusCreate(ctx, who, req.id, 2 * 1024 * 1024, { filename: 'big.dcm' });
    expect([huge.statusCode, code(huge)]).toEqual([413, 'upload_too_large']);
    // 100 KiB declared: fine for DICOM, too much for a PDF — refused once the first bytes show a PDF.
    const created = await tusCreate(ctx, who, req.id, 100 * 1024, { filename: 'long.pdf' });
    expect(created.statusCode).toBe(201);
    const location = String(created.headers['location']);
    const body = Buffer.concat([PDF(), Buffer.alloc(100 * 1024 - PDF().length, 0x20)]);
    const patched = await tusPatch(ctx, who, location, 0, body);
    expect([patched.statusCode, code(patched)]).toEqual([413, 'upload_too_large']);
    expect((await tusHead(ctx, who, location)).statusCode).toBe(404);
    const small = await tusCreate(ctx, who, req.id, 1000, { filename: 'a.pdf' });
    const over = await tusPatch(ctx, who, String(small.headers['location']), 0, PDF());
    expect([over.statusCode, code(over)]).toEqual([413, 'upload_too_large']);
    expect((await read(patient, req.id)).documents).toEqual([]);
    expect(await partFiles()).toEqual([]);
  });

  it('resumes an interrupted upload to the exact bytes, stored encrypted, invisible until complete', async () => {
    const req = await createRequest(patient, dept);
    const who = { agent: patient };
    const marker = 'KNOWN-PLAINTEXT-MARKER-7f3a';
    const dicom = makeDicom({ studyDate: '20240101', modality: 'MR', studyDescription: marker, pixelBytes: 300_000 });
    const created = await tusCreate(ctx, who, req.id, dicom.length, { filename: 'mri.dcm', category: 'imaging' });
    const location = String(created.headers['location']);
    // The connection drops after 150 000 bytes.
    let sent = false;
    const dropping = new Readable({
      read() {
        if (sent) return void this.destroy(new Error('connection reset'));
        sent = true;
        this.push(dicom.subarray(0, 150_000));
      },
    });
    await tusPatch(ctx, who, location, 0, dropping).catch(() => undefined);
    const head = await tusHead(ctx, who, location);
    expect(head.statusCode).toBe(200);
    const offset = Number(head.headers['upload-offset']);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(150_000);

    // Not visible to anyone while incomplete: no document, and the care team cannot see the upload.
    expect((await read(patient, req.id)).documents).toEqual([]);
    expect((await tusHead(ctx, { agent: staff }, location)).statusCode).toBe(404);
    expect((await allStoredBytes()).includes(Buffer.from(marker))).toBe(false);

    const wrong = await tusPatch(ctx, who, location, offset + 1, dicom.subarray(offset + 1));
    expect([wrong.statusCode, code(wrong)]).toEqual([409, 'upload_offset_mismatch']);
    const done = await tusPatch(ctx, who, location, offset, dicom.subarray(offset));
    expect(done.statusCode).toBe(204);
    expect(done.headers['upload-offset']).toBe(String(dicom.length));
    const docId = String(done.headers['x-document-id']);

    const file = await patient.inject('GET', `/api/second-opinions/${req.id}/documents/${docId}/content`);
    expect(file.statusCode).toBe(200);
    expect(sha(file.rawPayload)).toBe(sha(dicom));
    expect(file.headers['content-disposition']).toMatch(/^attachment/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['cache-control']).toContain('no-store');
    expect((await read(patient, req.id)).documents[0]?.dicom?.studyDescription).toBe(marker);
    // On disk it is ciphertext only.
    expect((await allStoredBytes()).includes(Buffer.from(marker))).toBe(false);
    expect((await allStoredBytes()).includes(dicom.subarray(200_000, 200_064))).toBe(false);

    // Someone else's file is a 404.
    const stranger = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await stranger.inject('GET', `/api/second-opinions/${req.id}/documents/${docId}/content`)).statusCode).toBe(
      404,
    );
    const otherOrg = await signIn(
      ctx.app,
      (await createUser(ctx, 'staff', { orgId: await createOrganization(ctx.database) })).email,
    );
    expect((await otherOrg.inject('GET', `/api/second-opinions/${req.id}/documents/${docId}/content`)).statusCode).toBe(
      404,
    );
    expect((await tusCreate(ctx, { agent: stranger }, req.id, 100, { filename: 'x.pdf' })).statusCode).toBe(404);
  });

  it('discards an upload never finished after 24 hours', async () => {
    const req = await createRequest(patient, dept);
    const created = await tusCreate(ctx, { agent: patient }, req.id, 5000, { filename: 'half.pdf' });
    const location = String(created.headers['location']);
    await tusPatch(ctx, { agent: patient }, location, 0, PDF().subarray(0, 1000));
    expect(await partFiles()).toHaveLength(1);
    const id = location.split('/').pop() ?? '';
    await ctx.database.db
      .updateTable('file_uploads')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    await ctx.services.jobs.enqueue({ kind: DISCARD_UPLOADS_JOB, payload: {} });
    await ctx.services.jobs.runDue('test-runner');
    expect(
      await ctx.database.db.selectFrom('file_uploads').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
    expect(await partFiles()).toEqual([]);
  });
});

describe('referring physician links', () => {
  it('lets a physician upload to that one request, until the link expires or is withdrawn', async () => {
    const req = await createRequest(patient, dept);
    const other = await createRequest(patient, dept);
    const made = await patient.inject('POST', `/api/second-opinions/${req.id}/links`, { days: 7 });
    expect(made.statusCode).toBe(201);
    const link = made.json<CreatedPhysicianLink>();
    const token = link.url.split('#')[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored = await ctx.database.db
      .selectFrom('second_opinion_links')
      .select('token_hash')
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    const view = await ctx.app.inject({
      method: 'GET',
      url: `/api/second-opinions/${req.id}/physician-link`,
      headers: { 'x-upload-token': token },
    });
    expect(view.statusCode).toBe(200);
    expect(JSON.stringify(view.json<PhysicianLinkView>())).not.toMatch(/Patient|breast/i);

    const up = await uploadFile(ctx, { token }, req.id, PDF(), { filename: 'referral.pdf', category: 'records' });
    expect(up.statusCode).toBe(204);
    expect((await read(patient, req.id)).documents[0]?.uploadedBy).toBe('physician_link');

    // The same token for another request is a 404; so is reading files with it.
    expect((await uploadFile(ctx, { token }, other.id, PDF(), { filename: 'x.pdf' })).statusCode).toBe(404);
    const docId = String(up.headers['x-document-id']);
    const fileWithToken = await ctx.app.inject({
      method: 'GET',
      url: `/api/second-opinions/${req.id}/documents/${docId}/content`,
      headers: { 'x-upload-token': token },
    });
    expect(fileWithToken.statusCode).toBe(401);

    // Withdrawn: refused with a clear code.
    expect((await patient.inject('DELETE', `/api/second-opinions/${req.id}/links/${link.id}`)).statusCode).toBe(204);
    const revoked = await uploadFile(ctx, { token }, req.id, PDF(), { filename: 'late.pdf' });
    expect([revoked.statusCode, code(revoked)]).toEqual([410, 'upload_link_expired']);

    // Expired: the same.
    const second = (
      await staff.inject('POST', `/api/second-opinions/${req.id}/links`, {})
    ).json<CreatedPhysicianLink>();
    await ctx.database.db
      .updateTable('second_opinion_links')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', second.id)
      .execute();
    const expired = await uploadFile(ctx, { token: second.url.split('#')[1] ?? '' }, req.id, PDF(), {
      filename: 'late.pdf',
    });
    expect([expired.statusCode, code(expired)]).toEqual([410, 'upload_link_expired']);
    expect((await read(patient, req.id)).documents).toHaveLength(1);
  });
});
