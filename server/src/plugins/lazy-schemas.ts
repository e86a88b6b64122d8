/**
 * Response serializers compiled on a route's first answer, not at start (issue 16, idle memory).
 *
 * Fastify compiles every route's response schemas with fast-json-stringify when the app becomes
 * ready: several hundred generated functions and their source text, held for the life of the
 * process, though a server that has just started — or a small clinic's — answers from a fraction
 * of its routes. Measured on Portico: 11.5 MiB of the main thread's heap and 0.5 s of start-up.
 * This factory hands Fastify a stand-in per schema that builds the real serializer (with Fastify's
 * own compiler and options, so output is byte for byte the same) the first time it is called.
 *
 * Validators (Ajv) stay compiled at start: Fastify lower-cases header schemas only for its own
 * validator compiler, and they are a sixth of the cost.
 *
 * A response schema that cannot compile would now fail on its route's first answer; `compileAll`
 * builds every one still waiting, which the test suite does so a broken schema fails CI.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildSerializer = NonNullable<Compilers['buildSerializer']>;
type Serialize = (data: unknown) => string;

export interface LazySerializers {
  /** For `Fastify({ schemaController: { compilersFactory: { buildSerializer } } })`. */
  buildSerializer: BuildSerializer;
  /** Compiles every serializer not yet built; returns how many it built. */
  compileAll(): number;
}

/** Fastify's serializer compiler, deferred per schema until first use. */
export function lazySerializers(): LazySerializers {
  const build = SerializerSelector() as unknown as BuildSerializer;
  const waiting = new Set<() => Serialize>();
  const buildSerializer: BuildSerializer = (external, options) => {
    const compile = build(external, options);
    return (route) => {
      let real: Serialize | undefined;
      const make = (): Serialize => {
        real ??= compile(route) as Serialize;
        // Only once built: a schema that fails to compile stays listed for compileAll to find.
        waiting.delete(make);
        return real;
      };
      waiting.add(make);
      return (data: unknown) => (real ?? make())(data);
    };
  };
  return {
    buildSerializer,
    compileAll() {
      const all = [...waiting];
      for (const make of all) make();
      return all.length;
    },
  };
}
