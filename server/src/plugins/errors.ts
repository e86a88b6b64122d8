import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, Problem } from '@portico/contracts';
import { AppError } from '../lib/errors.js';
import { isStorageFull, unavailableReason } from '../lib/pg-errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
  507: 'Insufficient storage',
};

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extras: ProblemExtras = {},
): FastifyReply {
  const body: Problem = {
    type: `https://portico.invalid/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors && errors.length ? { errors } : {}),
    ...extras,
    requestId: request.id,
  };
  return reply.status(status).type('application/problem+json').send(body);
}

type ProblemExtras = AppError['extras'];

/** How long a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export interface AjvLikeError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** Turns schema validation failures into field messages a person can act on. */
export function fieldErrors(validation: readonly AjvLikeError[], context: string | undefined): FieldError[] {
  return validation.map((v) => {
    const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const extra = v.params?.['additionalProperty'];
    const missing = v.params?.['missingProperty'];
    if (v.keyword === 'additionalProperties' && typeof extra === 'string') {
      return { field: path ? `${path}.${extra}` : extra, message: 'This field is not allowed here.' };
    }
    if (v.keyword === 'required' && typeof missing === 'string') {
      return { field: path ? `${path}.${missing}` : missing, message: 'This field is required.' };
    }
    const fmt = v.params?.['format'];
    const message =
      v.keyword === 'format' && fmt === 'email'
        ? 'Enter an email address like name@example.com.'
        : v.keyword === 'format' && fmt === 'date'
          ? 'Enter a date as YYYY-MM-DD.'
          : v.keyword === 'format' && fmt === 'uuid'
            ? 'This is not a valid identifier.'
            : `Invalid value: ${v.message ?? 'check this field'}.`;
    return { field: path || (context ?? 'body'), message };
  });
}

/** One place maps every error to problem JSON; 5xx bodies never carry internals. */
export function registerErrorHandling(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) void reply.header(k, v);
      return send(reply, request, err.status, err.code, err.message, err.fields, err.extras);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      return send(
        reply,
        request,
        400,
        'validation_failed',
        'Some fields need attention.',
        fieldErrors(fe.validation, fe.validationContext),
      );
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, request, 400, 'malformed_json', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, request, 413, 'body_too_large', 'The request is too large.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, request, 415, 'unsupported_media_type', 'Send the request as application/json.');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, request, 400, 'malformed_json', 'The request body length is wrong.');
    }
    if (fe.statusCode === 429) {
      return send(reply, request, 429, 'rate_limited', 'Too many requests. Please wait a minute and try again.');
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, request, fe.statusCode, 'validation_failed', 'The request could not be understood.');
    }
    // The database restarting or out of reach, or a full disk: say so, and when to try again.
    const unavailable = unavailableReason(err);
    if (unavailable) {
      request.log.warn({ reason: unavailable }, 'database unavailable');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(
        reply,
        request,
        503,
        'database_unavailable',
        'Portico cannot reach its database right now, so nothing was saved. Please try again in a few seconds.',
        undefined,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    if (isStorageFull(err)) {
      request.log.error({ reason: 'storage full' }, 'storage full');
      return send(
        reply,
        request,
        507,
        'storage_full',
        'Portico has run out of storage space, so nothing was saved. Please try again later; the operators have been alerted.',
      );
    }
    request.log.error({ err }, 'unhandled error');
    return send(
      reply,
      request,
      500,
      'internal_error',
      'Something went wrong on our side. Please try again; if it keeps happening, call tech help.',
    );
  });

  app.setNotFoundHandler((request, reply) => {
    // The single-page app owns every other GET path; the API and FHIR paths answer problems.
    // (Missing /assets/* files are real 404s: after a redeploy an old page must fail loudly, not get HTML.)
    // Nothing an integrator probes (/fhir, /.well-known, /oauth, /metadata) ever gets the web app's HTML.
    const page =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !/^\/(api|fhir|assets|\.well-known|oauth)(\/|\?|$)/.test(request.url) &&
      !/^\/metadata(\/|\?|$)/.test(request.url);
    if (/^\/fhir(\/|\?|$)/.test(request.url)) {
      return reply
        .status(404)
        .type('application/fhir+json; charset=utf-8')
        .send({
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'not-found',
              details: { text: 'There is nothing at this address. The FHIR R4 API is at /fhir/R4.' },
            },
          ],
        });
    }
    if (opts.spaFallback && page) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    }
    return send(reply, request, 404, 'not_found', 'There is nothing at this address.');
  });
}
