import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import type { RouteDeps } from '../../lib/route-types.js';
import type { FhirGrant } from './access.js';
import { withBulkExport } from './bulk/capability.js';
import { capabilityStatement } from './capability.js';
import { FhirError, operationOutcome, type IssueType } from './outcome.js';
import type { Resource } from './resource.js';
import { portalAccess, type FhirAccess, type SearchPage } from './service.js';
import type { Query } from './search.js';

export const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';
const PREFIX = '/fhir/R4';

const ISSUE_FOR_STATUS: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  429: 'throttled',
  503: 'exception',
};

/** Sends an error as an OperationOutcome (also used by the app's not-found handler for /fhir). */
export function sendOutcome(reply: FastifyReply, status: number, issue: IssueType, text: string): FastifyReply {
  return reply.status(status).type(FHIR_CONTENT_TYPE).send(operationOutcome(issue, text));
}

function challenge(baseUrl: string, error?: string): string {
  return `Bearer realm="${baseUrl}/fhir/R4"${error ? `, error="${error}"` : ''}`;
}

/** /fhir/R4: the CapabilityStatement, read and search, Patient/$everything and Binary. */
export async function fhirRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const base = config.publicUrl.replace(/\/$/, '');
  const fhirBase = `${base}${PREFIX}`;
  const { fhir } = services;
  const started = new Date().toISOString();

  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  app.setErrorHandler((err: FastifyError | FhirError | AppError | Error, request, reply) => {
    if (err instanceof FhirError) {
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      return sendOutcome(reply, err.status, err.issue, err.message);
    }
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      return sendOutcome(reply, err.status, ISSUE_FOR_STATUS[err.status] ?? 'exception', err.message);
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendOutcome(reply, status, ISSUE_FOR_STATUS[status] ?? 'invalid', 'The request could not be understood.');
    }
    request.log.error({ err }, 'unhandled FHIR error');
    return sendOutcome(reply, 500, 'exception', 'Something went wrong on our side. Please try again.');
  });

  /** The grant of this request: a bearer token (through the SMART module) or the portal session. */
  async function accessOf(request: FastifyRequest): Promise<FhirAccess> {
    const auth = request.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const verifier = fhir.bearerVerifier();
      const grant: FhirGrant | null = m?.[1] && verifier ? await verifier(m[1]) : null;
      if (!grant) {
        throw new FhirError(401, 'login', 'The access token is missing, invalid, expired or revoked.', {
          'www-authenticate': challenge(base, 'invalid_token'),
        });
      }
      if (!grant.patientId) {
        throw new FhirError(403, 'forbidden', 'Only patient-level access (launch/patient) is served here for now.');
      }
      return { grant, areas: null, caller: await fhir.service.callerFor(grant, request.caller, null) };
    }
    const c = request.caller;
    if (request.session && c.userId && (c.role === 'patient' || c.role === 'proxy')) {
      const access = portalAccess(c);
      if (!access) throw new FhirError(403, 'forbidden', 'Choose whose record to open first.');
      return access;
    }
    if (request.session) {
      throw new FhirError(
        403,
        'forbidden',
        'Workforce accounts reach the FHIR API through a SMART app launch (not yet available).',
      );
    }
    throw new FhirError(401, 'login', 'Sign in, or send an access token (Authorization: Bearer).', {
      'www-authenticate': challenge(base),
    });
  }

  const send = (reply: FastifyReply, body: unknown) =>
    reply.type(FHIR_CONTENT_TYPE).header('cache-control', 'no-store').send(body);

  app.get(`${PREFIX}/metadata`, async (_request, reply) =>
    reply.type(FHIR_CONTENT_TYPE).send(withBulkExport(capabilityStatement(base, { version: '0.1.0' }, started))),
  );

  /**
   * The whole record at once through a portal session is a download by another door: it needs the
   * same step-up as "Download my record" (docs/decisions/0043). A SMART app's token was approved
   * with a step-up of its own. A refusal is audited, like the download's.
   */
  async function portalStepUp(request: FastifyRequest, access: FhirAccess, id: string): Promise<void> {
    if (request.headers.authorization !== undefined) return;
    try {
      await services.stepUp.require(request.caller);
    } catch (err) {
      await services.audit.record(request.caller, {
        action: 'fhir.everything',
        entityType: 'Patient',
        entityId: id,
        patientId: access.grant.patientId,
        outcome: 'denied',
        detail: { reason: 'step_up_required' },
      });
      throw err;
    }
  }

  app.get<{ Params: { id: string } }>(`${PREFIX}/Patient/:id/$everything`, async (request, reply) => {
    const access = await accessOf(request);
    await portalStepUp(request, access, request.params.id);
    const resources = await fhir.service.everything(access, request.params.id);
    return send(
      reply,
      bundle(
        fhirBase,
        resources.map((r) => ({ resource: r, mode: 'match' })),
        resources.length,
        [{ relation: 'self', url: `${fhirBase}/Patient/${request.params.id}/$everything` }],
      ),
    );
  });

  app.get<{ Params: { id: string } }>(`${PREFIX}/Binary/:id`, async (request, reply) => {
    const access = await accessOf(request);
    const content = await fhir.service.binary(access, request.params.id);
    const accept = request.headers.accept ?? '';
    if (/application\/(fhir\+)?json/.test(accept) && !accept.includes(content.contentType.split(';')[0] ?? '')) {
      const data = Buffer.isBuffer(content.body) ? content.body : await streamToBuffer(content.body);
      return send(reply, {
        resourceType: 'Binary',
        id: request.params.id,
        contentType: content.contentType.split(';')[0],
        data: data.toString('base64'),
      });
    }
    return reply.type(content.contentType).header('cache-control', 'no-store').send(content.body);
  });

  app.get<{ Params: { type: string; id: string } }>(`${PREFIX}/:type/:id`, async (request, reply) => {
    const access = await accessOf(request);
    return send(reply, await fhir.service.read(access, request.params.type, request.params.id));
  });

  app.get<{ Params: { type: string }; Querystring: Query }>(`${PREFIX}/:type`, async (request, reply) => {
    const access = await accessOf(request);
    const page = await fhir.service.search(access, request.params.type, request.query);
    return send(reply, searchBundle(fhirBase, request.params.type, request.query, page));
  });
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function bundle(
  fhirBase: string,
  entries: { resource: Resource; mode: 'match' | 'include' }[],
  total: number | null,
  link: { relation: string; url: string }[],
) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    ...(total === null ? {} : { total }),
    link,
    entry: entries.map((e) => ({
      fullUrl: `${fhirBase}/${e.resource.resourceType}/${e.resource.id}`,
      resource: e.resource,
      search: { mode: e.mode },
    })),
  };
}

function queryString(query: Query, overrides: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || k in overrides) continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  for (const [k, v] of Object.entries(overrides)) params.append(k, v);
  return params.toString();
}

function searchBundle(fhirBase: string, type: string, query: Query, page: SearchPage) {
  const url = (offset: number) =>
    `${fhirBase}/${type}?${queryString(query, { _count: String(page.count), _offset: String(offset) })}`;
  const link = [{ relation: 'self', url: url(page.offset) }];
  if (page.more) link.push({ relation: 'next', url: url(page.offset + page.count) });
  if (page.offset > 0) link.push({ relation: 'previous', url: url(Math.max(0, page.offset - page.count)) });
  return bundle(
    fhirBase,
    [
      ...page.matches.map((r) => ({ resource: r, mode: 'match' as const })),
      ...page.included.map((r) => ({ resource: r, mode: 'include' as const })),
    ],
    page.total,
    link,
  );
}
