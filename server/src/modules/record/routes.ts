import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IdParams } from '@portico/contracts';
import { typed, type RouteDeps } from '../../lib/route-types.js';
import { requireAuth } from '../../plugins/auth.js';
import { RECORD_FORMATS } from './service.js';

const tags = ['record'];
const PATIENT_SIDE = ['patient', 'proxy'] as const;

const DownloadQuery = Type.Object({
  format: Type.Union(
    RECORD_FORMATS.map((f) => Type.Literal(f)),
    { description: '`fhir`: a FHIR R4 Bundle (JSON) of the whole record; `pdf`: a summary to read and print.' },
  ),
});

/** "Download my record": the open record, by the patient or a proxy with access (docs/decisions/0043). */
export async function recordRoutes(app: FastifyInstance, { services }: RouteDeps): Promise<void> {
  const r = typed(app);
  r.get(
    '/api/patients/:id/record/download',
    {
      schema: {
        tags,
        description:
          'The open record as a file. Needs a sign-in or re-authentication within the step-up window ' +
          '(403 step_up_required otherwise); any other record is a 404.',
        params: IdParams,
        querystring: DownloadQuery,
      },
    },
    async (request, reply) => {
      const caller = requireAuth(request, PATIENT_SIDE);
      const file = await services.recordDownload.download(caller, request.params.id, request.query.format);
      return reply
        .type(file.contentType)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
}
