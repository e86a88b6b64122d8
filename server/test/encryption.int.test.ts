import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Coverage, DoctorCase, DoctorLink, InternationalRequest, Thread } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, FileMasterKey, loadConfig } from '../src/config.js';
import { encryptExisting, rotateKeys } from '../src/modules/files/at-rest.js';
import { FileStore, KeyRing } from '../src/modules/files/index.js';
import { createTestContext, createUser, signIn, type Agent, type TestContext } from './context.js';
import { addPlan, CARD_PNG, uploadCard } from './profile-fixtures.js';
import { createRequest, ensureDepartment, opinionEnv, uploadFile } from './opinions-fixtures.js';
import { runPortico } from './process-helpers.js';
import { createClinician } from './scheduling-fixtures.js';

/**
 * Encryption at rest (decision 0033): every file kind is ciphertext on disk and nothing of it is in
 * the database; member ids are sealed in their column; rotation re-wraps keys without touching
 * file bodies; files stored before 0030 stay readable and `files:encrypt` seals them.
 */
let ctx: TestContext;
let oldKey: Buffer;
let staff: Agent;

beforeAll(async () => {
  const env = opinionEnv();
  oldKey = Buffer.from(env['PORTICO_FILE_KEY'] ?? '', 'base64');
  ctx = await createTestContext(env);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx?.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const marker = () => `PLAIN-${randomBytes(6).toString('hex')}`;
const pdfWith = (m: string) => Buffer.from(`%PDF-1.4\n% ${m}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const store = () => new FileStore(ctx.config.files);

function multipart(json: unknown, files: { name: string; type: string; data: Buffer }[], field = 'files') {
  const boundary = `----portico${randomBytes(6).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(json)}\r\n`),
  ];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A message with one PDF attachment; returns the attachment id and its download URL. */
async function sendAttachment(data: Buffer) {
  const clinician = await createClinician(ctx);
  const patient = await createUser(ctx, 'patient');
  const agent = await signIn(ctx.app, patient.email);
  const body = multipart({ topic: 'question', subject: 'Scan', body: 'Here it is.', clinicianId: clinician.id }, [
    { name: 'scan.pdf', type: 'application/pdf', data },
  ]);
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/messages/threads',
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  const a = res.json<Thread>().messages[0]?.attachments[0];
  return { agent, id: a?.id ?? '', url: a?.url ?? '', threadId: res.json<Thread>().id };
}

/** A coverage of a fresh patient (member id and group number given), with a front card photo. */
async function coverageWithCard(memberId: string) {
  const patient = await createUser(ctx, 'patient');
  const agent = await signIn(ctx.app, patient.email);
  const plan = await addPlan(staff);
  const added = await agent.inject('POST', '/api/profile/coverages', {
    planId: plan.id,
    priority: 1,
    memberId,
    groupNumber: 'GRP-77341',
  });
  expect(added.statusCode, added.body).toBe(201);
  const coverage = added.json<Coverage>();
  const up = await uploadCard(ctx, agent, coverage.id, 'front', {
    name: 'card.png',
    type: 'image/png',
    data: CARD_PNG,
  });
  expect(up.statusCode, up.body).toBe(200);
  return { agent, coverage, patientId: patient.patientId ?? '' };
}

/** A doctor's letter with a PDF, sent through the doctor link of an international case. */
async function doctorLetter(data: Buffer) {
  const u = await createUser(ctx, 'patient');
  const agent = await signIn(ctx.app, u.email);
  await agent.inject('PUT', '/api/international/profile', { country: 'BR', preferredLanguage: 'Portuguese' });
  const req = (
    await agent.inject('POST', '/api/international/requests', {
      kind: 'doctor_correspondence',
      summary: 'Please write to my doctor',
      details: { doctorName: 'Dr. Ana Silva' },
    })
  ).json<InternationalRequest>();
  const link = (
    await staff.inject('POST', `/api/international/requests/${req.id}/doctor-links`, {
      doctorName: 'Dr. Ana Silva',
      expiresInDays: 7,
    })
  ).json<DoctorLink>();
  const body = multipart({ body: 'Scans attached' }, [{ name: 'scan.pdf', type: 'application/pdf', data }]);
  const sent = await ctx.app.inject({
    method: 'POST',
    url: `/api/international/doctor/cases/${req.id}/letters`,
    headers: { 'x-doctor-token': link.link?.split('#')[1] ?? '', 'content-type': body.contentType },
    payload: body.payload,
  });
  expect(sent.statusCode, sent.body).toBe(201);
  const letter = sent.json<DoctorCase>().letters.find((l) => l.attachment);
  return { agent, id: letter?.id ?? '', url: `/api/international/requests/${req.id}/files/${letter?.id ?? ''}` };
}

/** A second-opinion record uploaded by the patient. */
async function opinionFile(data: Buffer) {
  const dept = await ensureDepartment(ctx);
  const agent = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
  const req = await createRequest(agent, dept);
  const done = await uploadFile(ctx, { agent }, req.id, data, { filename: 'records.pdf', category: 'records' });
  expect(done.statusCode, done.body).toBe(204);
  const id = String(done.headers['x-document-id']);
  return { agent, id, url: `/api/second-opinions/${req.id}/documents/${id}/content` };
}

async function wrappedKey(
  table: 'message_attachments' | 'coverage_card_images' | 'international_replies' | 'document_references',
  id: string,
) {
  const row = await ctx.database.db
    .selectFrom(table)
    .select(['wrapped_key'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.wrapped_key ?? '';
}

async function cardRow(coverageId: string) {
  return ctx.database.db
    .selectFrom('coverage_card_images')
    .select(['id', 'data', 'wrapped_key', 'byte_size'])
    .where('coverage_id', '=', coverageId)
    .executeTakeFirstOrThrow();
}

describe('encryption at rest', () => {
  it('keeps every file kind as ciphertext on disk, nothing of it in the database, and reads it back', async () => {
    const m1 = marker();
    const m2 = marker();
    const m3 = marker();
    const attachment = pdfWith(m1);
    const letterPdf = pdfWith(m2);
    const opinionPdf = Buffer.from(`%PDF-1.4\n% ${m3}\n${'x'.repeat(2000)}\n%%EOF\n`);

    const sent = await sendAttachment(attachment);
    const card = await coverageWithCard('MBR-100200');
    const letter = await doctorLetter(letterPdf);
    const opinion = await opinionFile(opinionPdf);

    const cardStored = await cardRow(card.coverage.id);
    const kinds = [
      {
        id: sent.id,
        plain: attachment,
        m: m1,
        row: await ctx.database.db
          .selectFrom('message_attachments')
          .select(['data', 'wrapped_key'])
          .where('id', '=', sent.id)
          .executeTakeFirstOrThrow(),
      },
      { id: cardStored.id, plain: CARD_PNG, m: 'IHDR', row: cardStored },
      {
        id: letter.id,
        plain: letterPdf,
        m: m2,
        row: await ctx.database.db
          .selectFrom('international_replies')
          .select(['data', 'wrapped_key'])
          .where('id', '=', letter.id)
          .executeTakeFirstOrThrow(),
      },
    ];
    for (const k of kinds) {
      expect(k.row.data).toBeNull();
      expect(k.row.wrapped_key).toMatch(/^[0-9a-f]{16}:/);
      const onDisk = await readFile(store().objectPath(k.id));
      expect(onDisk.length).toBeGreaterThan(k.plain.length);
      expect(onDisk.includes(Buffer.from(k.m))).toBe(false);
      expect(onDisk.includes(k.plain.subarray(0, 32))).toBe(false);
    }
    const opinionDisk = await readFile(store().objectPath(opinion.id));
    expect(opinionDisk.includes(Buffer.from(m3))).toBe(false);

    const back = [
      [sent.agent, sent.url, attachment],
      [card.agent, `/api/coverages/${card.coverage.id}/cards/front`, CARD_PNG],
      [letter.agent, letter.url, letterPdf],
      [opinion.agent, opinion.url, opinionPdf],
    ] as const;
    for (const [agent, url, plain] of back) {
      const res = await agent.inject('GET', url);
      expect(res.statusCode, url).toBe(200);
      expect(sha(res.rawPayload), url).toBe(sha(plain));
    }

    // A bit flipped on disk is refused, never served as different bytes.
    const path = store().objectPath(sent.id);
    const bytes = await readFile(path);
    const flipped = Buffer.from(bytes);
    flipped[40] = (flipped[40] ?? 0) ^ 0x01;
    await writeFile(path, flipped);
    const tampered = await sent.agent.inject('GET', sent.url);
    expect(tampered.statusCode).toBe(500);
    await writeFile(path, bytes);
    expect((await sent.agent.inject('GET', sent.url)).statusCode).toBe(200);
  }, 120_000);

  it('keeps insurance and registration member ids sealed in their columns, shown plain to those with access', async () => {
    const memberId = `ZX${randomBytes(4).toString('hex').toUpperCase()}`;
    const { agent, coverage } = await coverageWithCard(memberId);
    const raw = await ctx.database.db
      .selectFrom('coverages')
      .select(['member_id', 'group_number'])
      .where('id', '=', coverage.id)
      .executeTakeFirstOrThrow();
    expect(raw.member_id).toMatch(/^enc1:[0-9a-f]{16}:/);
    expect(raw.member_id).not.toContain(memberId);
    expect(raw.group_number).not.toContain('77341');
    const listed = await agent.inject('GET', '/api/profile/coverages');
    expect(listed.json<{ coverages: Coverage[] }>().coverages[0]).toMatchObject({
      memberId,
      groupNumber: 'GRP-77341',
    });
    // Changing it seals the new value too.
    const changed = await agent.inject('PATCH', `/api/coverages/${coverage.id}`, { memberId: 'NEW-555' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Coverage>().memberId).toBe('NEW-555');
    const after = await ctx.database.db
      .selectFrom('coverages')
      .select('member_id')
      .where('id', '=', coverage.id)
      .executeTakeFirstOrThrow();
    expect(after.member_id).not.toContain('NEW-555');

    const regMember = `RG${randomBytes(4).toString('hex').toUpperCase()}`;
    const reg = await staff.inject('POST', '/api/registrations', {
      givenName: 'Rosa',
      familyName: `Sealed${randomBytes(3).toString('hex')}`,
      birthDate: '1971-04-02',
      phone: '617-555-0142',
      preferredLanguage: 'en',
      addressLine1: '1 Main St',
      addressCity: 'Boston',
      addressRegion: 'MA',
      addressPostalCode: '02114',
      addressCountry: 'US',
      payment: 'insurance',
      payerName: 'Harbor Health Plan',
      memberId: regMember,
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const regRow = await ctx.database.db
      .selectFrom('registrations')
      .select(['id', 'member_id'])
      .where('id', '=', reg.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect(regRow.member_id).toMatch(/^enc1:/);
    expect(regRow.member_id).not.toContain(regMember);
    const view = await staff.inject('GET', `/api/registrations/${regRow.id}`);
    expect(view.json<{ memberId: string }>().memberId).toBe(regMember);
  });

  it('still serves files and member ids stored in plain form before 0030, and files:encrypt seals them', async () => {
    const sent = await sendAttachment(pdfWith(marker()));
    const legacy = pdfWith(marker());
    const legacyId = (
      await ctx.database.db
        .insertInto('message_attachments')
        .values({
          message_id: (
            await ctx.database.db
              .selectFrom('message_attachments')
              .select('message_id')
              .where('id', '=', sent.id)
              .executeTakeFirstOrThrow()
          ).message_id,
          filename: 'old.pdf',
          content_type: 'application/pdf',
          size_bytes: legacy.length,
          sha256: sha(legacy),
          data: legacy,
          wrapped_key: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const legacyUrl = `/api/messages/attachments/${legacyId}`;
    const before = await sent.agent.inject('GET', legacyUrl);
    expect(before.statusCode).toBe(200);
    expect(sha(before.rawPayload)).toBe(sha(legacy));

    const card = await coverageWithCard('PLAIN-OLD-1');
    await ctx.database.db
      .updateTable('coverages')
      .set({ member_id: 'PLAIN-OLD-1' })
      .where('id', '=', card.coverage.id)
      .execute();
    const listed = await card.agent.inject('GET', '/api/profile/coverages');
    expect(listed.json<{ coverages: Coverage[] }>().coverages[0]?.memberId).toBe('PLAIN-OLD-1');

    // Limited to this test's rows: other test files may share the database (and have their own keys).
    const only = [legacyId, card.coverage.id];
    const report = await encryptExisting(ctx.database.db, store(), { onlyIds: only });
    expect(report.failed).toEqual([]);
    expect(report.changed['message_attachments']).toBeGreaterThanOrEqual(1);
    const row = await ctx.database.db
      .selectFrom('message_attachments')
      .select(['data', 'wrapped_key'])
      .where('id', '=', legacyId)
      .executeTakeFirstOrThrow();
    expect(row.data).toBeNull();
    expect(row.wrapped_key).not.toBeNull();
    expect((await readFile(store().objectPath(legacyId))).includes(legacy.subarray(0, 32))).toBe(false);
    const after = await sent.agent.inject('GET', legacyUrl);
    expect(sha(after.rawPayload)).toBe(sha(legacy));
    const sealed = await ctx.database.db
      .selectFrom('coverages')
      .select('member_id')
      .where('id', '=', card.coverage.id)
      .executeTakeFirstOrThrow();
    expect(sealed.member_id).toMatch(/^enc1:/);
    expect(
      (await card.agent.inject('GET', '/api/profile/coverages')).json<{ coverages: Coverage[] }>().coverages[0]
        ?.memberId,
    ).toBe('PLAIN-OLD-1');
    // Running it again changes nothing.
    const again = await encryptExisting(ctx.database.db, store(), { onlyIds: only });
    expect(Object.values(again.changed).every((n) => n === 0)).toBe(true);
  });
  it('rotates the master key by re-wrapping per-file keys only, safely run twice, and everything reads back', async () => {
    const attachment = pdfWith(marker());
    const sent = await sendAttachment(attachment);
    const card = await coverageWithCard('ROT-4242');
    const opinionPdf = Buffer.from(`%PDF-1.4\n% ${marker()}\n${'y'.repeat(3000)}\n%%EOF\n`);
    const opinion = await opinionFile(opinionPdf);
    const cardId = (await cardRow(card.coverage.id)).id;
    const bodiesBefore = await Promise.all([sent.id, cardId, opinion.id].map((id) => readFile(store().objectPath(id))));

    const newKey = randomBytes(32);
    const during = new KeyRing(newKey, [oldKey]);
    const first = await rotateKeys(ctx.database.db, during);
    // Other test files may share this database with rows under their own keys: those are reported, not ours.
    const ours = new Set([sent.id, cardId, opinion.id, card.coverage.id]);
    expect(first.failed.filter((f) => ours.has(f.id))).toEqual([]);
    expect(first.changed['message_attachments']).toBeGreaterThan(0);
    expect(first.changed['coverages.member_id']).toBeGreaterThan(0);
    // A second run (as after a crash half-way) finds nothing left to do.
    const again = await rotateKeys(ctx.database.db, during);
    expect(Object.values(again.changed).every((n) => n === 0)).toBe(true);

    // File bodies were not rewritten.
    const bodiesAfter = await Promise.all([sent.id, cardId, opinion.id].map((id) => readFile(store().objectPath(id))));
    expect(bodiesAfter.map(sha)).toEqual(bodiesBefore.map(sha));

    // With only the new key (the old one gone), every file and identifier opens.
    const rotated = new FileStore({ ...ctx.config.files, masterKey: new FileMasterKey(newKey), previousKeys: [] });
    expect(sha(await rotated.get(sent.id, await wrappedKey('message_attachments', sent.id), attachment.length))).toBe(
      sha(attachment),
    );
    expect(sha(await rotated.get(cardId, await wrappedKey('coverage_card_images', cardId), CARD_PNG.length))).toBe(
      sha(CARD_PNG),
    );
    expect(
      sha(await rotated.get(opinion.id, await wrappedKey('document_references', opinion.id), opinionPdf.length)),
    ).toBe(sha(opinionPdf));
    const member = await ctx.database.db
      .selectFrom('coverages')
      .select('member_id')
      .where('id', '=', card.coverage.id)
      .executeTakeFirstOrThrow();
    expect(rotated.fields.open('coverages.member_id', member.member_id)).toBe('ROT-4242');
    // And the old key alone no longer opens them.
    const rewrapped = await wrappedKey('message_attachments', sent.id);
    expect(() => new KeyRing(oldKey).unwrap(rewrapped)).toThrow();
  });
});

describe('the file master key in production', () => {
  const base = {
    NODE_ENV: 'production',
    PORTICO_DATA_DIR: '/srv/portico/data/pglite',
    PORTICO_FILES_DIR: '/srv/portico/data/files',
  };

  it('refuses a key file inside the data folder, and accepts one outside it or a key from the environment', () => {
    expect(() => loadConfig(base)).toThrow(ConfigError);
    expect(() => loadConfig(base)).toThrow(/inside the data folder/);
    expect(() => loadConfig({ ...base, PORTICO_FILE_MASTER_KEY_FILE: '/srv/portico/data/master.key' })).toThrow(
      /PORTICO_FILE_MASTER_KEY_FILE/,
    );
    expect(() => loadConfig({ ...base, PORTICO_FILE_MASTER_KEY_FILE: '/srv/portico/data/files/k' })).toThrow(
      ConfigError,
    );
    expect(loadConfig({ ...base, PORTICO_FILE_MASTER_KEY_FILE: '/etc/portico/file-master.key' }).files.keyFile).toBe(
      '/etc/portico/file-master.key',
    );
    expect(
      loadConfig({ ...base, PORTICO_FILE_MASTER_KEY: randomBytes(32).toString('base64') }).files.masterKey,
    ).not.toBeNull();
    // Development and the demo keep working with the generated key (and a warning at start).
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).files.generatedKey).toBe(true);
  });

  it('stops the server at start with a clear message, before opening anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'portico-prodkey-'));
    try {
      const run = runPortico({
        NODE_ENV: 'production',
        PORTICO_DATA_DIR: join(dir, 'data', 'pglite'),
        PORTICO_FILES_DIR: join(dir, 'data', 'files'),
        PORTICO_FILE_MASTER_KEY_FILE: join(dir, 'data', 'file-master.key'),
        PORTICO_FILE_MASTER_KEY: '',
        PORTICO_FILE_KEY: '',
        PORTICO_PORT: '0',
      });
      expect(await run.exited).toBe(2);
      expect(run.errors()).toMatch(/Portico cannot start: PORTICO_FILE_MASTER_KEY_FILE: .*inside the data folder/);
      expect(existsSync(join(dir, 'data', 'file-master.key'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
