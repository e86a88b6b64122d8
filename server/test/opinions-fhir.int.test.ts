import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, signIn, type TestContext } from './context.js';
import { makeDicom } from './dicom-fixtures.js';
import { createRequest, ensureDepartment, opinionEnv, PDF, uploadFile } from './opinions-fixtures.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext(opinionEnv());
});
afterAll(() => ctx.close());

interface Entry {
  fullUrl: string;
  resource: Record<string, unknown> & { resourceType: string; id: string };
}

describe('a second opinion as FHIR', () => {
  it('is a ServiceRequest with a DocumentReference per file, each pointing back at the request', async () => {
    const dept = await ensureDepartment(ctx);
    const patient = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    const { id } = await createRequest(patient, dept, { condition: 'Atrial fibrillation' });
    const sent = [
      await uploadFile(ctx, { agent: patient }, id, PDF(), { filename: 'letter.pdf', category: 'records' }),
      await uploadFile(ctx, { agent: patient }, id, makeDicom({ modality: 'MR' }), {
        filename: 'heart.dcm',
        category: 'imaging',
      }),
    ];
    expect(sent.map((r) => r.statusCode)).toEqual([204, 204]);

    const res = await patient.inject('GET', `/api/second-opinions/${id}/fhir`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const bundle = res.json<{ resourceType: string; type: string; entry: Entry[] }>();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const [request, ...documents] = bundle.entry.map((e) => e.resource);
    expect(request).toMatchObject({
      resourceType: 'ServiceRequest',
      id,
      status: 'active',
      intent: 'order',
      reasonCode: [{ text: 'Atrial fibrillation' }],
    });
    expect(documents.map((d) => d.resourceType)).toEqual(['DocumentReference', 'DocumentReference']);
    for (const d of documents) expect(d['context']).toEqual({ related: [{ reference: `ServiceRequest/${id}` }] });
    expect(request?.['supportingInfo']).toEqual(documents.map((d) => ({ reference: `DocumentReference/${d.id}` })));

    const stranger = await signIn(ctx.app, (await createUser(ctx, 'patient')).email);
    expect((await stranger.inject('GET', `/api/second-opinions/${id}/fhir`)).statusCode).toBe(404);
  });
});
