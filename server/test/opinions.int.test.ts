import type { OpinionList, OpinionRequest } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  createUser,
  outboxFor,
  signIn,
  type Agent,
  type TestContext,
  type TestUser,
} from './context.js';
import { createTestContext } from './context.js';
import { makeDicom } from './dicom-fixtures.js';
import { createRequest, createSpecialist, ensureDepartment, opinionEnv, PDF, uploadFile } from './opinions-fixtures.js';

let ctx: TestContext;
let dept: string;
let patientUser: TestUser;
let patient: Agent;
let staff: Agent;
let specialistUser: TestUser;
let specialist: Agent;
let specialistId: string;

beforeAll(async () => {
  ctx = await createTestContext(opinionEnv());
  dept = await ensureDepartment(ctx);
  patientUser = await createUser(ctx, 'patient');
  patient = await signIn(ctx.app, patientUser.email);
  staff = await signIn(ctx.app, (await createUser(ctx, 'staff')).email);
  specialistUser = await createUser(ctx, 'clinician');
  specialist = await signIn(ctx.app, specialistUser.email);
  specialistId = await createSpecialist(ctx, specialistUser.id, dept);
});
afterAll(() => ctx.close());

const read = async (agent: Agent, id: string) =>
  (await agent.inject('GET', `/api/second-opinions/${id}`)).json<OpinionRequest>();

describe('second-opinion requests', () => {
  it('refuses a request without a real department, naming the field', async () => {
    const res = await patient.inject('POST', '/api/second-opinions', {
      serviceLineCode: 'no-such-department',
      condition: 'x',
      question: 'y',
      precertNeeded: false,
      precertObtained: false,
      visitPreference: 'video',
      hasImaging: true,
      hasLabs: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((f) => f.field)).toContain('serviceLineCode');
  });

  it('runs from submission to a delivered opinion the patient reads', async () => {
    const created = await createRequest(patient, dept);
    expect(created.status).toBe('submitted');
    expect(created.checklist.map((i) => [i.kind, i.state])).toEqual([
      ['records', 'missing'],
      ['imaging', 'missing'],
      ['labs', 'not_needed'],
      ['precert', 'not_needed'],
    ]);

    const pdf = await uploadFile(ctx, { agent: patient }, created.id, PDF(), {
      filename: 'pathology.pdf',
      category: 'records',
    });
    expect(pdf.statusCode).toBe(204);
    expect(pdf.headers['x-document-id']).toBeTruthy();
    const dicom = makeDicom({
      studyDate: '20240305',
      modality: 'MR',
      studyDescription: 'BREAST MRI',
      pixelBytes: 200_000,
    });
    const dcm = await uploadFile(ctx, { agent: patient }, created.id, dicom, {
      filename: 'study.dcm',
      category: 'imaging',
    });
    expect(dcm.statusCode).toBe(204);

    let view = await read(patient, created.id);
    expect(view.documents.map((d) => [d.filename, d.contentType, d.category])).toEqual([
      ['pathology.pdf', 'application/pdf', 'records'],
      ['study.dcm', 'application/dicom', 'imaging'],
    ]);
    expect(view.documents[1]?.dicom).toEqual({
      studyDate: '2024-03-05',
      modality: 'MR',
      studyDescription: 'BREAST MRI',
    });
    expect(view.checklist.every((i) => i.state !== 'missing')).toBe(true);

    // The care team's queue, filtered by department and status.
    const queue = (
      await staff.inject('GET', `/api/second-opinions/queue?department=${dept}&status=submitted`)
    ).json<OpinionList>();
    expect(queue.requests.map((r) => r.id)).toContain(created.id);
    const otherDept = (await staff.inject('GET', '/api/second-opinions/queue?department=cardiac')).json<OpinionList>();
    expect(otherDept.requests.map((r) => r.id)).not.toContain(created.id);

    const choices = await staff.inject('GET', `/api/second-opinions/${created.id}/specialists`);
    expect(choices.json<{ specialists: { id: string }[] }>().specialists.map((s) => s.id)).toContain(specialistId);
    const assigned = await staff.inject('POST', `/api/second-opinions/${created.id}/assign`, {
      clinicianId: specialistId,
    });
    expect(assigned.json<OpinionRequest>().specialist?.id).toBe(specialistId);
    expect((await outboxFor(ctx, specialistUser.email)).map((m) => m.subject)).toContain(
      'A second-opinion request was assigned to you',
    );

    // Asking for one more document: records pending, a checklist item, an email that names nothing medical.
    const asked = await staff.inject('POST', `/api/second-opinions/${created.id}/request-info`, {
      items: ['Operative report from the biopsy'],
      message: 'Please also include the surgeon name.',
    });
    expect(asked.statusCode).toBe(200);
    view = asked.json<OpinionRequest>();
    expect(view.status).toBe('records_pending');
    const need = view.checklist.find((i) => i.kind === 'need');
    expect(need).toMatchObject({ label: 'Operative report from the biopsy', state: 'missing' });
    const mail = await outboxFor(ctx, patientUser.email);
    expect(mail.at(-1)?.subject).toBe('Your second-opinion request needs something from you');
    expect(mail.at(-1)?.text).toContain(`/second-opinions/${created.id}`);
    expect(mail.at(-1)?.text).not.toMatch(/breast|oncology|operative/i);

    // Delivering before review is refused with a stable code.
    const early = await specialist.inject('POST', `/api/second-opinions/${created.id}/opinion`, { text: 'Too soon' });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('opinion_status_conflict');

    // The patient sends it; the checklist completes and the request moves to review by itself.
    const more = await uploadFile(ctx, { agent: patient }, created.id, PDF('op-report'), {
      filename: 'operative-report.pdf',
      category: 'records',
      needId: need?.needId ?? '',
    });
    expect(more.statusCode).toBe(204);
    view = await read(staff, created.id);
    expect(view.status).toBe('under_review');
    expect(view.checklist.find((i) => i.kind === 'need')?.state).toBe('received');

    const delivered = await specialist.inject('POST', `/api/second-opinions/${created.id}/opinion`, {
      text: 'I agree with neoadjuvant chemotherapy first, then surgery.',
    });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json<OpinionRequest>().status).toBe('opinion_delivered');
    expect((await outboxFor(ctx, patientUser.email)).at(-1)?.subject).toBe('Your second opinion is ready');

    view = await read(patient, created.id);
    expect(view.opinion?.text).toBe('I agree with neoadjuvant chemotherapy first, then surgery.');
    expect(view.events.map((e) => e.kind)).toEqual([
      'created',
      'document_added',
      'document_added',
      'assigned',
      'info_requested',
      'document_added',
      'status',
      'opinion_delivered',
    ]);
    expect(view.events.find((e) => e.kind === 'opinion_delivered')?.actorName).toContain('Test');

    // Every read is audited, for the patient whose request it is.
    const reads = await ctx.database.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('patient_id', '=', patientUser.patientId)
      .where('action', '=', 'opinion.read')
      .execute();
    expect(reads.length).toBeGreaterThan(3);

    const closed = await staff.inject('POST', `/api/second-opinions/${created.id}/status`, { status: 'closed' });
    expect(closed.json<OpinionRequest>().status).toBe('closed');
    const list = (await patient.inject('GET', '/api/second-opinions')).json<OpinionList>();
    expect(list.requests.find((r) => r.id === created.id)?.status).toBe('closed');
  });

  it('records the consultation booked for a request', async () => {
    const created = await createRequest(patient, dept, { visitPreference: 'video' });
    const { createClinician, clinicTime } = await import('./scheduling-fixtures.js');
    const clinician = await createClinician(ctx);
    const start = clinicTime(3, '10:00');
    const appt = await ctx.database.db
      .insertInto('appointments')
      .values({
        organization_id: ctx.orgId,
        clinician_id: clinician.id,
        patient_id: patientUser.patientId ?? '',
        visit_type_id: clinician.followUpId,
        mode: 'video',
        status: 'booked',
        start_at: start,
        end_at: new Date(new Date(start).getTime() + 30 * 60_000),
        busy_until: new Date(new Date(start).getTime() + 30 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await ctx.database.db
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '!=', patientUser.patientId ?? '')
      .executeTakeFirst();
    if (other) {
      const wrong = await staff.inject('POST', `/api/second-opinions/${created.id}/schedule`, {
        appointmentId: other.id,
      });
      expect(wrong.statusCode).toBe(400);
    }
    const res = await staff.inject('POST', `/api/second-opinions/${created.id}/schedule`, { appointmentId: appt.id });
    expect(res.statusCode).toBe(200);
    expect(res.json<OpinionRequest>()).toMatchObject({ status: 'scheduled', appointmentId: appt.id });
  });

  it('keeps requests to their patient and organization', async () => {
    const created = await createRequest(patient, dept);
    const stranger = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await stranger.inject('GET', `/api/second-opinions/${created.id}`)).statusCode).toBe(404);
    const otherOrg = await createOrganization(ctx.database);
    const elsewhere = await signIn(ctx.app, (await createUser(ctx, 'staff', { orgId: otherOrg })).email);
    expect((await elsewhere.inject('GET', `/api/second-opinions/${created.id}`)).statusCode).toBe(404);
    expect(
      (await elsewhere.inject('POST', `/api/second-opinions/${created.id}/request-info`, { items: ['x'] })).statusCode,
    ).toBe(404);
    // The patient sees their request but cannot act for the care team.
    expect((await patient.inject('POST', `/api/second-opinions/${created.id}/opinion`, { text: 'x' })).statusCode).toBe(
      403,
    );
    const denied = await ctx.database.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('entity_id', '=', created.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });
});
