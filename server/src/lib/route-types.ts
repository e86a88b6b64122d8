import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
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
