import { randomBytes } from 'node:crypto';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Request ids: one random prefix per process and a counter — unique across instances and restarts
 * in practice, and far cheaper than a UUID per request (issue 16, lever 3). They land in audit rows.
 */
export function requestIds(): () => string {
  const prefix = randomBytes(6).toString('hex');
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/**
 * Per-request info lines ("request completed") for a fraction of requests; errors and 5xx answers
 * always. `sample` 1 is Fastify's own logging, unchanged.
 */
export class SampledRequestLog extends LogController {
  constructor(private readonly sample: number) {
    super();
  }

  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    // The completed line carries the method and path too; one line per sampled request is enough.
    if (this.sample >= 1) super.incomingRequest(request, reply);
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error || reply.statusCode >= 500 || this.sample >= 1 || Math.random() < this.sample) {
      super.requestCompleted(error, request, reply);
    }
  }
}
