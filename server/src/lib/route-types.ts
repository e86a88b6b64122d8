import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Services } from './services.js';

/** Options every route plugin receives. */
export interface RouteDeps {
  services: Services;
  config: Config;
}

export type App = FastifyInstance;
export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();

/** The Idempotency-Key header of a request that must not happen twice (a booking, a payment). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 200, description: 'Retries with the same key return the first result' }),
  ),
});
