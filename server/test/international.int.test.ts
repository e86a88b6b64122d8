import type {
  DoctorCase,
  DoctorLink,
  InternationalPatient,
  InternationalProfile,
  InternationalRequest,
} from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createTestContext, createUser, signIn, type Agent, type TestContext } from './context.js';

let ctx: TestContext;
let staff: Agent;
let coordinatorId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const s = await createUser(ctx, 'staff');
  coordinatorId = s.id;
  staff = await signIn(ctx.app, s.email);
});
afterAll(async () => ctx?.close());

/** A signed-in patient living in Brazil, with a confirmed international profile unless told otherwise. */
async function brazilian(confirm = true): Promise<{ agent: Agent; patientId: string }> {
  const u = await createUser(ctx, 'patient');
  const patientId = u.patientId ?? '';
  await ctx.database.db.updateTable('patients').set({ address_country: 'BR' }).where('id', '=', patientId).execute();
  const agent = await signIn(ctx.app, u.email);
  if (confirm) {
    const res = await agent.inject('PUT', '/api/international/profile', {
      country: 'BR',
      preferredLanguage: 'Portuguese',
    });
    expect(res.statusCode).toBe(200);
  }
  return { agent, patientId };
}

const interpreter = { kind: 'interpreter', summary: 'Interpreter for my visits', details: { language: 'Portuguese' } };

const doctorGet = (caseId: string, token: string) =>
  ctx.app.inject({
    method: 'GET',
    url: `/api/international/doctor/cases/${caseId}`,
    headers: { 'x-doctor-token': token },
  });

function multipartLetter(body: string, file: { name: string; data: Buffer } | null) {
  const boundary = '----portico-test';
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify({ body })}\r\n`,
  ];
  const chunks: Buffer[] = [Buffer.from(parts.join(''))];
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('international profile and coordinator', () => {
  it('a patient abroad is international, confirms country and language, and sees the coordinator staff assign', async () => {
    const { agent, patientId } = await brazilian(false);
    const before = (await agent.inject('GET', '/api/international/profile')).json<InternationalProfile>();
    expect(before).toMatchObject({ international: true, country: 'BR', confirmed: false, coordinator: null });

    const confirmed = await agent.inject('PUT', '/api/international/profile', {
      country: 'BR',
      preferredLanguage: 'Portuguese',
    });
    expect(confirmed.json<InternationalProfile>()).toMatchObject({ confirmed: true, preferredLanguage: 'Portuguese' });

    const notStaff = await agent.inject('PUT', `/api/international/patients/${patientId}/coordinator`, {
      coordinatorUserId: coordinatorId,
    });
    expect(notStaff.statusCode).toBe(403);
    const clinician = await createUser(ctx, 'clinician');
    const wrong = await staff.inject('PUT', `/api/international/patients/${patientId}/coordinator`, {
      coordinatorUserId: clinician.id,
    });
    expect(wrong.statusCode).toBe(400);
    const assigned = await staff.inject('PUT', `/api/international/patients/${patientId}/coordinator`, {
      coordinatorUserId: coordinatorId,
    });
    expect(assigned.statusCode).toBe(204);

    const after = (await agent.inject('GET', '/api/international/profile')).json<InternationalProfile>();
    expect(after.coordinator?.name).toBe('Test staff');
    const list = (await staff.inject('GET', '/api/international/patients')).json<InternationalPatient[]>();
    expect(list.find((p) => p.patientId === patientId)).toMatchObject({
      coordinatorUserId: coordinatorId,
      country: 'BR',
    });

    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', patientId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['international.profile_confirm', 'international.coordinator_assign']),
    );
  });

  it('staff of another organization cannot assign (404) and do not see the patient', async () => {
    const { patientId } = await brazilian();
    const otherOrg = await createOrganization(ctx.database);
    const other = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: otherOrg })).email);
    const res = await other.inject('PUT', `/api/international/patients/${patientId}/coordinator`, {
      coordinatorUserId: coordinatorId,
    });
    expect(res.statusCode).toBe(404);
    const list = (await other.inject('GET', '/api/international/patients')).json<InternationalPatient[]>();
    expect(list.some((p) => p.patientId === patientId)).toBe(false);
  });
});

describe('requests to the center', () => {
  it('needs a confirmed profile, checks kind-specific fields, and runs open → in progress → done with replies', async () => {
    const unconfirmed = await brazilian(false);
    const early = await unconfirmed.agent.inject('POST', '/api/international/requests', interpreter);
    expect(early.json()).toMatchObject({ status: 409, code: 'international_profile_required' });

    const { agent, patientId } = await brazilian();
    const missing = await agent.inject('POST', '/api/international/requests', {
      kind: 'records_transfer',
      summary: 'Send my records',
      details: { direction: 'in' },
    });
    expect(missing.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'details.institution' }] });

    const created = await agent.inject('POST', '/api/international/requests', {
      kind: 'admission',
      summary: 'Admission in March',
      details: { dietaryNeeds: 'Halal meals', language: 'ignored for this kind' },
    });
    expect(created.statusCode).toBe(201);
    const req = created.json<InternationalRequest>();
    expect(req).toMatchObject({ status: 'open', details: { dietaryNeeds: 'Halal meals' } });
    expect(req.details.language).toBeUndefined();

    const staffReply = await staff.inject('POST', `/api/international/requests/${req.id}/replies`, {
      body: 'We have reserved a room.',
    });
    expect(staffReply.json<InternationalRequest>()).toMatchObject({ status: 'in_progress' });
    const patientReply = await agent.inject('POST', `/api/international/requests/${req.id}/replies`, {
      body: 'Thank you!',
    });
    const thread = patientReply.json<InternationalRequest>();
    expect(thread.replies.map((r) => r.author)).toEqual(['coordinator', 'patient']);
    expect(thread.doctorLinks).toBeUndefined();

    const patientDone = await agent.inject('PUT', `/api/international/requests/${req.id}/status`, { status: 'done' });
    expect(patientDone.statusCode).toBe(409);
    const done = await staff.inject('PUT', `/api/international/requests/${req.id}/status`, { status: 'done' });
    expect(done.json<InternationalRequest>().status).toBe('done');
    const closed = await agent.inject('POST', `/api/international/requests/${req.id}/replies`, { body: 'One more' });
    expect(closed.statusCode).toBe(409);

    const mine = (await agent.inject('GET', '/api/international/requests')).json<InternationalRequest[]>();
    expect(mine.map((r) => r.id)).toEqual([req.id]);
    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', patientId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'international.request_create',
        'international.request_reply',
        'international.request_status',
      ]),
    );
  });

  it("someone else's request is a 404 and the denial is audited", async () => {
    const owner = await brazilian();
    const other = await brazilian();
    const req = (
      await owner.agent.inject('POST', '/api/international/requests', interpreter)
    ).json<InternationalRequest>();
    expect((await other.agent.inject('GET', `/api/international/requests/${req.id}`)).statusCode).toBe(404);
    expect(
      (await other.agent.inject('POST', `/api/international/requests/${req.id}/replies`, { body: 'hi' })).statusCode,
    ).toBe(404);
    expect(
      (await other.agent.inject('PUT', `/api/international/requests/${req.id}/status`, { status: 'cancelled' }))
        .statusCode,
    ).toBe(404);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('entity_id', '=', req.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    const cancel = await owner.agent.inject('PUT', `/api/international/requests/${req.id}/status`, {
      status: 'cancelled',
    });
    expect(cancel.json<InternationalRequest>().status).toBe('cancelled');
  });

  it('an interpreter request tied to an appointment must name one of the patient’s own appointments', async () => {
    const { agent } = await brazilian();
    const res = await agent.inject('POST', '/api/international/requests', {
      ...interpreter,
      appointmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'appointmentId' }] });
  });
});

describe("the home-country doctor's link", () => {
  async function caseWithLink() {
    const { agent } = await brazilian();
    const req = (
      await agent.inject('POST', '/api/international/requests', {
        kind: 'doctor_correspondence',
        summary: 'Please write to Dr. Silva',
        details: { doctorName: 'Dr. Ana Silva' },
      })
    ).json<InternationalRequest>();
    await staff.inject('POST', `/api/international/requests/${req.id}/replies`, { body: 'Internal note' });
    await staff.inject('POST', `/api/international/requests/${req.id}/replies`, {
      body: 'Dear Dr. Silva, please send the latest scans.',
      sharedWithDoctor: true,
    });
    const link = (
      await staff.inject('POST', `/api/international/requests/${req.id}/doctor-links`, {
        doctorName: 'Dr. Ana Silva',
        expiresInDays: 14,
      })
    ).json<DoctorLink>();
    const token = link.link?.split('#')[1] ?? '';
    return { agent, req, link, token };
  }

  it('reads only the shared letters of its own case and sends a PDF letter back', async () => {
    const { agent, req, token } = await caseWithLink();
    expect(token.length).toBeGreaterThan(15);
    const stored = await ctx.database.db.selectFrom('international_doctor_links').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);

    const view = await doctorGet(req.id, token);
    expect(view.statusCode).toBe(200);
    expect(view.json<DoctorCase>().letters.map((l) => l.body)).toEqual([
      'Dear Dr. Silva, please send the latest scans.',
    ]);

    const exe = multipartLetter('Scans attached', { name: 'scan.pdf', data: Buffer.from('MZ\x90\x00 not a pdf') });
    const rejected = await ctx.app.inject({
      method: 'POST',
      url: `/api/international/doctor/cases/${req.id}/letters`,
      headers: { 'x-doctor-token': token, 'content-type': exe.contentType },
      payload: exe.payload,
    });
    expect(rejected.json()).toMatchObject({ status: 415, code: 'attachment_type_not_allowed' });

    const pdf = multipartLetter('Scans attached', { name: 'scan.pdf', data: Buffer.from('%PDF-1.4\n%test\n') });
    const sent = await ctx.app.inject({
      method: 'POST',
      url: `/api/international/doctor/cases/${req.id}/letters`,
      headers: { 'x-doctor-token': token, 'content-type': pdf.contentType },
      payload: pdf.payload,
    });
    expect(sent.statusCode).toBe(201);
    const letters = sent.json<DoctorCase>().letters;
    expect(letters).toHaveLength(2);
    expect(letters[1]).toMatchObject({ author: 'doctor', attachment: { filename: 'scan.pdf' } });

    const thread = (await agent.inject('GET', `/api/international/requests/${req.id}`)).json<InternationalRequest>();
    const fromDoctor = thread.replies.find((r) => r.author === 'doctor');
    const file = await agent.inject('GET', `/api/international/requests/${req.id}/files/${fromDoctor?.id ?? ''}`);
    expect(file.statusCode).toBe(200);
    expect(file.body.startsWith('%PDF-')).toBe(true);
  });

  it('used for another case is a 404; revoked or expired is a 404', async () => {
    const a = await caseWithLink();
    const b = await caseWithLink();
    expect((await doctorGet(b.req.id, a.token)).json()).toMatchObject({ status: 404, code: 'doctor_link_invalid' });
    expect((await doctorGet(a.req.id, 'not-a-token')).statusCode).toBe(404);

    const revoke = await staff.inject('DELETE', `/api/international/requests/${a.req.id}/doctor-links/${a.link.id}`);
    expect(revoke.statusCode).toBe(204);
    expect((await doctorGet(a.req.id, a.token)).statusCode).toBe(404);

    expect((await doctorGet(b.req.id, b.token)).statusCode).toBe(200);
    await ctx.database.db
      .updateTable('international_doctor_links')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', b.link.id)
      .execute();
    expect((await doctorGet(b.req.id, b.token)).statusCode).toBe(404);
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'international.doctor_view')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(3);
  });
});
