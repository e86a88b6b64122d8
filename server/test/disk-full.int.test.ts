import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type Agent, type TestContext } from './context.js';
import { makeDicom } from './dicom-fixtures.js';
import { createRequest, ensureDepartment, opinionEnv, tusCreate, tusHead, tusPatch } from './opinions-fixtures.js';
import { createClinician } from './scheduling-fixtures.js';

/** A message with files, as the web app's FormData sends it. */
function messageForm(json: unknown, file: { name: string; type: string; data: Buffer }) {
  const boundary = `----portico${randomBytes(6).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(json)}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * A record upload that runs out of disk: the patient is told plainly (507 storage_full), nothing
 * half-written is kept, and once space is freed the same upload resumes to the exact bytes.
 * Needs root, to mount a small tmpfs as the files folder.
 */
const isRoot = process.getuid?.() === 0;

describe.runIf(isRoot)('a full disk during an upload', () => {
  let mount = '';
  let ctx: TestContext;
  let patient: Agent;
  let dept = '';

  beforeAll(async () => {
    mount = await mkdtemp(join(tmpdir(), 'portico-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]);
    ctx = await createTestContext({ ...opinionEnv(), PORTICO_FILES_DIR: mount, PORTICO_MIN_FREE_DISK_MB: '0' });
    dept = await ensureDepartment(ctx);
    patient = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
  });
  afterAll(async () => {
    await ctx?.close();
    execFileSync('umount', ['-l', mount]);
    await rm(mount, { recursive: true, force: true });
  });

  it('answers 507, keeps only whole records, and resumes once space is freed', async () => {
    const req = await createRequest(patient, dept);
    const who = { agent: patient };
    const dicom = makeDicom({ studyDate: '20240101', modality: 'CT', studyDescription: 'Chest', pixelBytes: 600_000 });
    const created = await tusCreate(ctx, who, req.id, dicom.length, { filename: 'ct.dcm', category: 'imaging' });
    expect(created.statusCode).toBe(201);
    const location = String(created.headers['location']);

    // Leave about 200 KB free: the study does not fit.
    await writeFile(join(mount, 'ballast'), Buffer.alloc(800 * 1024));
    const full = await tusPatch(ctx, who, location, 0, dicom);
    expect(full.statusCode).toBe(507);
    expect(full.json()).toMatchObject({ code: 'storage_full' });

    // What the database acknowledged is all that is on disk: the half-written record was cut away.
    const head = await tusHead(ctx, who, location);
    const offset = Number(head.headers['upload-offset']);
    expect(offset).toBeLessThan(dicom.length);
    const parts = await readdir(join(mount, 'uploads'));
    const partBytes = (await stat(join(mount, 'uploads', parts[0] ?? ''))).size;
    const stored = await ctx.database.db
      .selectFrom('file_uploads')
      .select('stored_bytes')
      .where('id', '=', location.split('/').pop() ?? '')
      .executeTakeFirstOrThrow();
    expect(partBytes).toBe(Number(stored.stored_bytes));

    await rm(join(mount, 'ballast'));
    const done = await tusPatch(ctx, who, location, offset, dicom.subarray(offset));
    expect(done.statusCode).toBe(204);
    const docId = String(done.headers['x-document-id']);
    const file = await patient.inject('GET', `/api/second-opinions/${req.id}/documents/${docId}/content`);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(file.rawPayload)).toBe(sha(dicom));
  });

  it('refuses a message whose attachment does not fit with 507, leaving no part file and no message, then sends it once space is freed', async () => {
    const clinician = await createClinician(ctx);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n% '), randomBytes(300 * 1024), Buffer.from('\n%%EOF\n')]);
    const form = messageForm(
      { topic: 'question', subject: 'My scan', body: 'Here it is.', clinicianId: clinician.id },
      { name: 'scan.pdf', type: 'application/pdf', data: pdf },
    );
    const send = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/messages/threads',
        headers: { cookie: patient.cookie, 'x-csrf-token': patient.csrf, 'content-type': form.contentType },
        payload: form.payload,
      });
    const threads = async () => (await patient.inject('GET', '/api/messages/threads')).json<{ threads: unknown[] }>();
    const uploads = async () => readdir(join(mount, 'uploads')).catch(() => []);
    const threadsBefore = (await threads()).threads.length;
    const uploadsBefore = await uploads();

    // Leave about 100 KB free: the 300 KB attachment starts to be written, then the disk is full.
    const fs = await statfs(mount);
    await writeFile(join(mount, 'ballast'), Buffer.alloc(Math.max(0, fs.bavail * fs.bsize - 100 * 1024)));
    const full = await send();
    expect(full.statusCode, full.body).toBe(507);
    expect(full.json()).toMatchObject({ code: 'storage_full' });
    expect(await uploads()).toEqual(uploadsBefore);
    expect((await threads()).threads.length).toBe(threadsBefore);

    await rm(join(mount, 'ballast'));
    const sent = await send();
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await threads()).threads.length).toBe(threadsBefore + 1);
    expect(await uploads()).toEqual(uploadsBefore);
  });
});
