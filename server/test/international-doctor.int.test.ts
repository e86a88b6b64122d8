import type { DoctorLink, InternationalRequest } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type Agent, type TestContext } from './context.js';

let ctx: TestContext;
let staff: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
});
afterAll(async () => ctx?.close());

/** A doctor-correspondence case of a patient in Brazil, with a fresh doctor link. */
async function caseWithLink() {
  const u = await createUser(ctx, 'patient');
  await ctx.database.db
    .updateTable('patients')
    .set({ address_country: 'BR' })
    .where('id', '=', u.patientId ?? '')
    .execute();
  const agent = await signIn(ctx.app, u.email);
  await agent.inject('PUT', '/api/international/profile', { country: 'BR', preferredLanguage: 'Portuguese' });
  const req = (
    await agent.inject('POST', '/api/international/requests', {
      kind: 'doctor_correspondence',
      summary: 'Please write to Dr. Silva',
      details: { doctorName: 'Dr. Ana Silva' },
    })
  ).json<InternationalRequest>();
  const created = await staff.inject('POST', `/api/international/requests/${req.id}/doctor-links`, {
    doctorName: 'Dr. Ana Silva',
    expiresInDays: 7,
  });
  expect(created.statusCode).toBe(201);
  const link = created.json<DoctorLink>();
  return { req, link, token: link.link?.split('#')[1] ?? '' };
}

function letter(file: Buffer) {
  const boundary = '----portico-doctor';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${JSON.stringify({ body: 'Scans' })}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="scan.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe("the home-country doctor's link, as the web pages use it", () => {
  it('a PDF over 5 MB is refused with the real limit, on the files field', async () => {
    const { req, token } = await caseWithLink();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const body = letter(big);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/international/doctor/cases/${req.id}/letters`,
      headers: { 'x-doctor-token': token, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(413);
    const problem = res.json<{ code: string; detail: string; errors: { field: string; message: string }[] }>();
    expect(problem.code).toBe('attachment_too_large');
    expect(problem.detail).toContain('5 MB');
    expect(problem.detail).not.toContain('10 MB');
    expect(problem.errors).toEqual([{ field: 'files', message: problem.detail }]);
  });

  it('staff see the link on the case without its token, and a revoked one stays listed as revoked', async () => {
    const { req, link, token } = await caseWithLink();
    expect(link.link).toContain(`/international/doctor/${req.id}#`);
    const thread = (await staff.inject('GET', `/api/international/requests/${req.id}`)).json<InternationalRequest>();
    expect(thread.doctorLinks).toEqual([expect.objectContaining({ id: link.id, revokedAt: null })]);
    expect(JSON.stringify(thread)).not.toContain(token);

    const revoked = await staff.inject('DELETE', `/api/international/requests/${req.id}/doctor-links/${link.id}`);
    expect(revoked.statusCode).toBe(204);
    const after = (await staff.inject('GET', `/api/international/requests/${req.id}`)).json<InternationalRequest>();
    expect(after.doctorLinks?.[0]?.revokedAt).toEqual(expect.any(String));
    const view = await ctx.app.inject({
      method: 'GET',
      url: `/api/international/doctor/cases/${req.id}`,
      headers: { 'x-doctor-token': token },
    });
    expect(view.json()).toMatchObject({ status: 404, code: 'doctor_link_invalid' });
  });
});
