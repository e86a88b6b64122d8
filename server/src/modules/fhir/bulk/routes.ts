import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../lib/errors.js';
import type { RouteDeps } from '../../../lib/route-types.js';
import type { FhirGrant } from '../access.js';
import { FhirError, operationOutcome, type IssueType } from '../outcome.js';
import type { Resource } from '../resource.js';
import { isSystemGrant, type QueryValue } from './params.js';
import type { BulkAccess } from './service.js';

const PREFIX = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
/** How long a client should wait between status polls (seconds). */
const RETRY_AFTER = '2';

const ISSUE: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  429: 'throttled',
};

function outcome(reply: FastifyReply, status: number, issue: IssueType, text: string): FastifyReply {
  return reply.status(status).type(FHIR_JSON).send(operationOutcome(issue, text));
}

/**
 * Bulk Data Access v2 under /fhir/R4 (docs/decisions/0034): Group read and search, the
 * `$export` kick-offs, the status URL (poll, DELETE cancels) and the NDJSON files. Only SMART
 * backend services (system scopes) get in; a patient's token or a portal session is refused.
 */
export async function bulkRoutes(app: FastifyInstance, { services, config }: RouteDeps): Promise<void> {
  const base = config.publicUrl.replace(/\/$/, '');
  const { fhir, fhirBulk } = services;
  const bulk = fhirBulk.service;

  app.setErrorHandler((err: FastifyError | FhirError | AppError | Error, request, reply) => {
    if (err instanceof FhirError || err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      const issue = err instanceof FhirError ? err.issue : (ISSUE[err.status] ?? 'exception');
      return outcome(reply, err.status, issue, err.message);
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500)
      return outcome(reply, status, ISSUE[status] ?? 'invalid', 'The request could not be understood.');
    request.log.error({ err }, 'unhandled bulk export error');
    return outcome(reply, 500, 'exception', 'Something went wrong on our side. Please try again.');
  });

  /** A backend service's token; anything else is refused before any data is touched. */
  async function accessOf(request: FastifyRequest): Promise<BulkAccess> {
    const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const verifier = fhir.bearerVerifier();
    const grant: FhirGrant | null = m?.[1] && verifier ? await verifier(m[1]) : null;
    if (!grant) {
      throw new FhirError(401, 'login', 'Bulk export needs a backend service access token (Authorization: Bearer).', {
        'www-authenticate': `Bearer realm="${base}${PREFIX}"${m ? ', error="invalid_token"' : ''}`,
      });
    }
    if (!isSystemGrant(grant)) {
      throw new FhirError(403, 'forbidden', 'Bulk export is for backend services (system scopes), not patient apps.');
    }
    return {
      grant,
      appId: grant.userId,
      caller: {
        ...request.caller,
        userId: grant.userId,
        role: null,
        organizationId: grant.organizationId ?? null,
        ownPatientId: null,
        actingForPatientId: null,
        areas: [],
        sessionId: grant.clientId ? `fhir:${grant.clientId}` : 'fhir',
      },
    };
  }

  const send = (reply: FastifyReply, status: number, body: unknown) =>
    reply.status(status).type(FHIR_JSON).header('cache-control', 'no-store').send(body);

  const kickedOff = (reply: FastifyReply, id: string) =>
    reply
      .status(202)
      .type(FHIR_JSON)
      .header('content-location', `${base}${PREFIX}/$export-status/${id}`)
      .send(operationOutcome('informational', 'The export has started; poll the Content-Location URL.', 'information'));

  const requestUrl = (request: FastifyRequest) => `${base}${request.url}`;
  const headersOf = (request: FastifyRequest) => ({
    prefer: firstHeader(request.headers.prefer),
    accept: firstHeader(request.headers.accept),
  });

  app.get<{ Querystring: Record<string, QueryValue> }>(`${PREFIX}/Group`, async (request, reply) => {
    const access = await accessOf(request);
    const groups = await bulk.groups(access, request.query);
    return send(reply, 200, searchset(`${base}${PREFIX}`, requestUrl(request), groups));
  });

  app.get<{ Params: { id: string } }>(`${PREFIX}/Group/:id`, async (request, reply) => {
    const access = await accessOf(request);
    return send(reply, 200, await bulk.group(access, request.params.id));
  });

  app.get<{ Params: { id: string }; Querystring: Record<string, QueryValue> }>(
    `${PREFIX}/Group/:id/$export`,
    async (request, reply) => {
      const access = await accessOf(request);
      const id = await bulk.kickoff(
        access,
        { level: 'group', groupId: request.params.id },
        request.query,
        headersOf(request),
        requestUrl(request),
      );
      return kickedOff(reply, id);
    },
  );

  app.get<{ Querystring: Record<string, QueryValue> }>(`${PREFIX}/Patient/$export`, async (request, reply) => {
    const access = await accessOf(request);
    const id = await bulk.kickoff(access, { level: 'patient' }, request.query, headersOf(request), requestUrl(request));
    return kickedOff(reply, id);
  });

  app.get<{ Params: { id: string } }>(`${PREFIX}/$export-status/:id`, async (request, reply) => {
    const access = await accessOf(request);
    const status = await bulk.status(access, request.params.id);
    if (status.state === 'in-progress') {
      return reply
        .status(202)
        .header('x-progress', status.progress)
        .header('retry-after', RETRY_AFTER)
        .header('cache-control', 'no-store')
        .send();
    }
    if (status.state === 'failed') return outcome(reply, 500, 'exception', status.message);
    if (status.expiresAt) void reply.header('expires', status.expiresAt.toUTCString());
    return reply
      .status(200)
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(status.manifest);
  });

  app.delete<{ Params: { id: string } }>(`${PREFIX}/$export-status/:id`, async (request, reply) => {
    const access = await accessOf(request);
    await bulk.cancel(access, request.params.id);
    return send(
      reply,
      202,
      operationOutcome('informational', 'The export was cancelled and its files removed.', 'information'),
    );
  });

  app.get<{ Params: { id: string } }>(`${PREFIX}/$export-file/:id`, async (request, reply) => {
    const access = await accessOf(request);
    const file = await bulk.file(access, request.params.id);
    return reply.type('application/fhir+ndjson').header('cache-control', 'no-store').send(file.body);
  });
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

function searchset(fhirBase: string, self: string, resources: Resource[]) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: self }],
    entry: resources.map((r) => ({
      fullUrl: `${fhirBase}/${r.resourceType}/${r.id}`,
      resource: r,
      search: { mode: 'match' },
    })),
  };
}
