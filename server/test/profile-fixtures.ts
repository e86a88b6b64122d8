import type { LightMyRequestResponse } from 'fastify';
import type { InsurancePlan, NewPlanBody, ProxyGrant } from '@portico/contracts';
import { expect } from 'vitest';
import { syntheticCardPng } from '../src/demo/card-png.js';
import { createUser, signIn, uniq, type Agent, type TestContext, type TestUser } from './context.js';

export const CARD_PNG = syntheticCardPng('front');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export interface PatientAgent {
  user: TestUser;
  id: string;
  agent: Agent;
}

export async function signedInPatient(ctx: TestContext, orgId?: string): Promise<PatientAgent> {
  const user = await createUser(ctx, 'patient', orgId ? { orgId } : {});
  return { user, id: user.patientId ?? '', agent: await signIn(ctx.app, user.email) };
}

/** `owner` shares their record with `proxy` (full, or only the named areas) and the proxy opens it. */
export async function shareWith(
  owner: PatientAgent,
  proxy: PatientAgent,
  areas: string[] | 'full',
): Promise<ProxyGrant> {
  const res = await owner.agent.inject('POST', '/api/proxies', {
    email: proxy.user.email,
    relationship: 'child',
    ...(areas === 'full' ? { access: 'full' } : { access: 'limited', areas }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const opened = await proxy.agent.inject('PUT', '/api/records/current', { patientId: owner.id });
  expect(opened.statusCode, opened.body).toBe(200);
  return res.json<ProxyGrant>();
}

/** A plan with a unique payer name, added by staff through the API. */
export async function addPlan(staff: Agent, overrides: Partial<NewPlanBody> = {}): Promise<InsurancePlan> {
  const res = await staff.inject('POST', '/api/insurance-plans', {
    payerName: uniq('Payer'),
    planName: 'PPO 500',
    payerCategory: 'commercial',
    virtualVisitCost: 'copay',
    virtualVisitCopayCents: 2500,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<InsurancePlan>();
}

/** A real multipart body with one file in the `file` field, as a browser's FormData sends it. */
export function multipartFile(file: { name: string; type: string; data: Buffer }, field = 'file') {
  const boundary = `----portico${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export function uploadCard(
  ctx: TestContext,
  agent: Agent,
  coverageId: string,
  side: 'front' | 'back',
  file: { name: string; type: string; data: Buffer },
): Promise<LightMyRequestResponse> {
  const body = multipartFile(file);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/coverages/${coverageId}/cards/${side}`,
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': body.contentType },
    payload: body.payload,
  });
}

export async function auditCount(ctx: TestContext, patientId: string): Promise<number> {
  const rows = await ctx.database.db
    .selectFrom('audit_events')
    .select('id')
    .where('patient_id', '=', patientId)
    .execute();
  return rows.length;
}
