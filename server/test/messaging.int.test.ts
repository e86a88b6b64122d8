import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Thread, ThreadList } from '@portico/contracts';
import { createTestContext, createUser, outboxFor, signIn, type Agent, type TestContext } from './context.js';
import { createClinician } from './scheduling-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A real multipart body, as a browser's FormData would send it. */
function multipart(json: unknown, files: { name: string; type: string; data: Buffer }[]) {
  const boundary = `----portico${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify(json)}\r\n`),
  ];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(agent: Agent, url: string, json: unknown, files: { name: string; type: string; data: Buffer }[]) {
  const body = multipart(json, files);
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

async function setup() {
  const clinician = await createClinician(ctx);
  const clinicianUser = await createUser(ctx, 'clinician');
  await ctx.database.db
    .updateTable('clinicians')
    .set({ user_id: clinicianUser.id })
    .where('id', '=', clinician.id)
    .execute();
  const patient = await createUser(ctx, 'patient');
  return {
    clinicianId: clinician.id,
    clinicianEmail: clinicianUser.email,
    patient,
    patientAgent: await signIn(ctx.app, patient.email),
    clinicianAgent: await signIn(ctx.app, clinicianUser.email),
  };
}

describe('secure messaging', () => {
  it('carries a conversation with attachments both ways, with read receipts and content-free notifications', async () => {
    const s = await setup();
    const started = await upload(
      s.patientAgent,
      '/api/messages/threads',
      {
        topic: 'question',
        subject: 'Swollen ankles',
        body: 'My ankles are swollen since I started the new pill.',
        clinicianId: s.clinicianId,
      },
      [
        { name: 'ankle.png', type: 'image/png', data: PNG },
        { name: 'list.pdf', type: 'application/pdf', data: PDF },
      ],
    );
    expect(started.statusCode).toBe(201);
    const thread = started.json<Thread>();
    expect(thread.messages[0]?.attachments.map((a) => a.contentType)).toEqual(['image/png', 'application/pdf']);
    expect(thread.messages[0]?.readAt).toBeNull();

    const inbox = (await s.clinicianAgent.inject('GET', '/api/messages/threads?mine=true')).json<ThreadList>();
    expect(inbox.threads[0]).toMatchObject({ id: thread.id, unread: 1, subject: 'Swollen ankles' });
    const opened = (await s.clinicianAgent.inject('GET', `/api/messages/threads/${thread.id}`)).json<Thread>();
    const file = await s.clinicianAgent.inject('GET', opened.messages[0]?.attachments[1]?.url ?? '');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''list\.pdf/);
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const reply = await s.clinicianAgent.inject('POST', `/api/messages/threads/${thread.id}/messages`, {
      body: 'Please keep your feet up and we will call you today.',
    });
    expect(reply.statusCode).toBe(201);
    const seen = (await s.patientAgent.inject('GET', `/api/messages/threads/${thread.id}`)).json<Thread>();
    expect(seen.messages).toHaveLength(2);
    expect(seen.messages[0]?.readAt).not.toBeNull(); // the clinician opened the patient's message
    expect(seen.messages[1]?.side).toBe('care_team');

    // Notifications go out from the durable job queue.
    await ctx.services.jobs.runDue('test');
    const toClinician = await outboxFor(ctx, s.clinicianEmail);
    const toPatient = await outboxFor(ctx, s.patient.email);
    expect(toClinician).toHaveLength(1);
    expect(toPatient).toHaveLength(1);
    for (const m of [...toClinician, ...toPatient]) {
      expect(m.subject).toBe('You have a new message in Portico');
      expect(m.text).not.toMatch(/ankle|swollen|pill/i);
      expect(m.text).toContain(`/messages/${thread.id}`);
    }
  });

  it('lets the care team assign a conversation and mark it done; a new patient message reopens it', async () => {
    const s = await setup();
    const colleague = await createUser(ctx, 'staff');
    const thread = (
      await s.patientAgent.inject('POST', '/api/messages/threads', {
        topic: 'billing',
        subject: 'Bill question',
        body: 'Why was I charged?',
        clinicianId: s.clinicianId,
      })
    ).json<Thread>();
    const assigned = await s.clinicianAgent.inject('POST', `/api/messages/threads/${thread.id}/assign`, {
      userId: colleague.id,
    });
    expect(assigned.json<Thread>().assignedTo?.id).toBe(colleague.id);
    const done = await s.clinicianAgent.inject('POST', `/api/messages/threads/${thread.id}/status`, { status: 'done' });
    expect(done.json<Thread>().status).toBe('done');
    await s.patientAgent.inject('POST', `/api/messages/threads/${thread.id}/messages`, { body: 'One more thing.' });
    const again = (await s.clinicianAgent.inject('GET', `/api/messages/threads/${thread.id}`)).json<Thread>();
    expect(again.status).toBe('open');
    const patientAssigns = await s.patientAgent.inject('POST', `/api/messages/threads/${thread.id}/assign`, {
      userId: colleague.id,
    });
    expect(patientAssigns.statusCode).toBe(403);
  });

  it('refuses files that lie about their type, oversized files, too many files and empty messages, storing nothing', async () => {
    const s = await setup();
    const json = { topic: 'question', subject: 'Test', body: 'Hello', clinicianId: s.clinicianId };
    const liar = await upload(s.patientAgent, '/api/messages/threads', json, [
      { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('MZ\x90\x00 this is a program') },
    ]);
    expect(liar.statusCode).toBe(415);
    expect(liar.json()).toMatchObject({ code: 'attachment_type_not_allowed', errors: [{ field: 'files' }] });
    const big = await upload(s.patientAgent, '/api/messages/threads', json, [
      { name: 'scan.pdf', type: 'application/pdf', data: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]) },
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'attachment_too_large' });
    const many = await upload(
      s.patientAgent,
      '/api/messages/threads',
      json,
      Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, type: 'application/pdf', data: PDF })),
    );
    expect(many.statusCode).toBe(400);
    expect(many.json()).toMatchObject({ code: 'too_many_attachments' });
    const empty = await s.patientAgent.inject('POST', '/api/messages/threads', { ...json, body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ errors: [{ field: 'body' }] });
    const noRecipient = await s.patientAgent.inject('POST', '/api/messages/threads', {
      ...json,
      clinicianId: undefined,
    });
    expect(noRecipient.json()).toMatchObject({ errors: [{ field: 'recipient' }] });
    const threads = await ctx.database.db
      .selectFrom('message_threads')
      .select('id')
      .where('patient_id', '=', s.patient.patientId)
      .execute();
    expect(threads).toEqual([]);
  });

  it("hides other patients' conversations and files, and keeps limited proxies out", async () => {
    const s = await setup();
    const thread = (
      await upload(
        s.patientAgent,
        '/api/messages/threads',
        {
          topic: 'question',
          subject: 'Private',
          body: 'Private text',
          clinicianId: s.clinicianId,
        },
        [{ name: 'a.pdf', type: 'application/pdf', data: PDF }],
      )
    ).json<Thread>();
    const other = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await other.inject('GET', `/api/messages/threads/${thread.id}`)).statusCode).toBe(404);
    expect((await other.inject('GET', thread.messages[0]?.attachments[0]?.url ?? '')).statusCode).toBe(404);
    expect((await other.inject('POST', `/api/messages/threads/${thread.id}/messages`, { body: 'hi' })).statusCode).toBe(
      404,
    );
    expect((await other.inject('GET', '/api/messages/threads')).json<ThreadList>().threads).toEqual([]);

    const proxyUser = await createUser(ctx, 'patient');
    await s.patientAgent.inject('POST', '/api/proxies', {
      email: proxyUser.email,
      relationship: 'child',
      access: 'limited',
      areas: ['appointments'],
    });
    const proxy = await signIn(ctx.app, proxyUser.email);
    await proxy.inject('PUT', '/api/records/current', { patientId: s.patient.patientId });
    const refused = await proxy.inject('GET', `/api/messages/threads/${thread.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'proxy_area_not_allowed' });
  });
});

describe('a message over the length limit (issue 17)', () => {
  it('is refused with message_too_long on the body field, in JSON and multipart, at any size', async () => {
    const s = await setup();
    const start = (body: string) => ({ topic: 'question', subject: 'Long', body, clinicianId: s.clinicianId });
    const expectTooLong = (res: { statusCode: number; json: () => unknown }) => {
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'message_too_long', errors: [{ field: 'body' }] });
    };
    // Exactly at the limit goes through; one more character is refused with its own code.
    const atLimit = await s.patientAgent.inject('POST', '/api/messages/threads', start('a'.repeat(10_000)));
    expect(atLimit.statusCode).toBe(201);
    expectTooLong(await s.patientAgent.inject('POST', '/api/messages/threads', start('a'.repeat(10_001))));
    expectTooLong(await upload(s.patientAgent, '/api/messages/threads', start('a'.repeat(10_001)), []));
    // Far past it, a multipart field is cut off while reading: still the same answer, not "bad JSON".
    expectTooLong(await upload(s.patientAgent, '/api/messages/threads', start('é'.repeat(40_000)), []));
    const thread = atLimit.json<Thread>();
    expectTooLong(
      await s.clinicianAgent.inject('POST', `/api/messages/threads/${thread.id}/messages`, {
        body: 'b'.repeat(10_001),
      }),
    );
  });
});
