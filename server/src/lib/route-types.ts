import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Answer } from './idempotency.js';
import type { Config } from '../config.js';
import type { Services } from './module.js';

/** Options every route plugin receives. */
export interface RouteDeps {
  services: Services;
  config: Config;
}

export type App = FastifyInstance;
export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();

/** The Idempotency-Key header of a request that must not happen twice (a booking, a payment, a message). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      description:
        'Retries with the same key return the first result (header idempotent-replayed: true); the same key ' +
        'with another request is 422 idempotency_key_reused. Without an account: at least 32 characters.',
    }),
  ),
});

/** Sends a retry-safe create's answer: its status and body, marked when it is a replay of the first one. */
export function sendAnswer<T>(reply: FastifyReply, answer: Answer<T>): FastifyReply {
  if (answer.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.code(answer.status).send(answer.body);
}
