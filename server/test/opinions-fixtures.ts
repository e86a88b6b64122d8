import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewOpinionBody, OpinionRequest } from '@portico/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { Readable } from 'node:stream';
import { initialsAvatar } from '../src/lib/avatar.js';
import { uniq, type Agent, type TestContext } from './context.js';

/** Small limits so "too large" is cheap to test: 64 KiB for documents, 1 MiB for DICOM. */
export function opinionEnv(): Record<string, string> {
  return {
    PORTICO_FILES_DIR: mkdtempSync(join(tmpdir(), 'portico-files-')),
    PORTICO_FILE_KEY: randomBytes(32).toString('base64'),
    PORTICO_UPLOAD_MAX_BYTES: String(64 * 1024),
    PORTICO_DICOM_MAX_BYTES: String(1024 * 1024),
  };
}

export async function ensureDepartment(ctx: TestContext, code = 'oncology', name = 'Oncology'): Promise<string> {
  await ctx.database.db
    .insertInto('service_lines')
    .values({ code, name })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return code;
}

export const PDF = (marker = 'PLAIN-MARKER') => Buffer.from(`%PDF-1.4\n% ${marker}\n${'x'.repeat(2000)}\n%%EOF\n`);
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);

export function newRequest(department: string, over: Partial<NewOpinionBody> = {}): NewOpinionBody {
  return {
    serviceLineCode: department,
    condition: 'Stage II breast cancer',
    question: 'Is surgery before chemotherapy the right order?',
    physicianName: 'Dr. Ana Silva',
    physicianInstitution: 'Hospital Central',
    physicianPhone: '+55 11 5555-0100',
    physicianEmail: 'ana.silva@example.org',
    insurance: 'Self-pay',
    precertNeeded: false,
    precertObtained: false,
    visitPreference: 'records_only',
    hasImaging: true,
    hasLabs: false,
    ...over,
  };
}

export async function createRequest(agent: Agent, department: string, over: Partial<NewOpinionBody> = {}) {
  const res = await agent.inject('POST', '/api/second-opinions', newRequest(department, over));
  if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode}: ${res.body}`);
  return res.json<OpinionRequest>();
}

/** Who is uploading: a signed-in agent, or a physician's link token. */
export type Uploader = { agent: Agent } | { token: string };

function authHeaders(who: Uploader, unsafe: boolean): Record<string, string> {
  if ('token' in who) return { 'x-upload-token': who.token };
  return { cookie: who.agent.cookie, ...(unsafe ? { 'x-csrf-token': who.agent.csrf } : {}) };
}

const meta = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

export function tusCreate(
  ctx: TestContext,
  who: Uploader,
  requestId: string,
  length: number,
  metadata: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/second-opinions/${requestId}/uploads`,
    headers: {
      ...authHeaders(who, true),
      'tus-resumable': '1.0.0',
      'upload-length': String(length),
      'upload-metadata': meta(metadata),
    },
  });
}

export function tusPatch(
  ctx: TestContext,
  who: Uploader,
  location: string,
  offset: number,
  body: Buffer | Readable,
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'PATCH',
    url: location,
    headers: {
      ...authHeaders(who, true),
      'tus-resumable': '1.0.0',
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    payload: body,
  });
}

export function tusHead(ctx: TestContext, who: Uploader, location: string): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method: 'HEAD',
    url: location,
    headers: { ...authHeaders(who, false), 'tus-resumable': '1.0.0' },
  });
}

/** Creates and sends a whole file in one PATCH; returns the final PATCH response. */
export async function uploadFile(
  ctx: TestContext,
  who: Uploader,
  requestId: string,
  data: Buffer,
  metadata: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const created = await tusCreate(ctx, who, requestId, data.length, metadata);
  if (created.statusCode !== 201) return created;
  return tusPatch(ctx, who, String(created.headers['location']), 0, data);
}

/** A clinician of the organization with a portal account, in the given department. */
export async function createSpecialist(ctx: TestContext, userId: string, department: string): Promise<string> {
  const family = uniq('Onc');
  const row = await ctx.database.db
    .insertInto('clinicians')
    .values({
      organization_id: ctx.orgId,
      user_id: userId,
      given_name: 'Maya',
      family_name: family,
      specialty: 'Medical Oncology',
      service_line_code: department,
      photo_svg: initialsAvatar('Maya', family),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
