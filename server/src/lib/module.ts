import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';

/**
 * The public services of every module, by name. Empty here: each module's entry
 * (`modules/<domain>/index.ts`) adds its own keys by declaration merging, so this layer never
 * imports a module (docs/decisions/0022-module-plugins.md):
 *
 *     declare module '../../lib/module.js' {
 *       interface Services { audit: AuditService }
 *     }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Services {}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every module's public services, filled as the modules register (see lib/module.ts). */
    services: Services;
  }
}

/** Shared between main.ts and the routes: set once shutdown begins, so /readyz turns away new traffic. */
export interface ServerState {
  closing: boolean;
}

/** Where services write what an operator should see (the app's pino logger, or a quiet one in tests). */
export interface ServiceLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What building a module's services gets: the core, and the services of the modules before it. */
export interface ServiceContext {
  config: Config;
  database: DatabaseHandle;
  log: ServiceLogger;
  /** Only the modules named in `dependencies` may be read here; they are guaranteed to be built. */
  services: Services;
}

/** What the app core hands every module plugin: the only things a module gets that no other module provides. */
export interface ModuleOptions {
  config: Config;
  database: DatabaseHandle;
  /** The app's Prometheus registry (one per app, so several apps can live in one test process). */
  metrics: Registry;
  state: ServerState;
}

export interface ModuleDefinition {
  /** The module's name: other modules name it in their `dependencies`. */
  name: string;
  /** Modules whose services this one uses: they are registered (and built) before it. */
  dependencies: readonly string[];
  /**
   * Builds the module's public services from what it declares it needs, registering its job
   * handlers and event listeners on them. No I/O: this also runs outside an app (createServices).
   */
  services?(context: ServiceContext): Partial<Services>;
  /** Inside the app only: routes, and start/stop hooks. `app.services` holds every module's services so far. */
  register?(app: FastifyInstance, options: ModuleOptions): Promise<void>;
}

/** A module's entry: a Fastify plugin, with its definition kept for building services without an app. */
export type ModulePlugin = ReturnType<typeof defineModule>;

function publish(services: Services, provided: Partial<Services>, module: string): void {
  for (const [name, service] of Object.entries(provided)) {
    if (Object.hasOwn(services, name)) throw new Error(`module ${module}: service "${name}" is provided twice`);
    Object.assign(services, { [name]: service });
  }
}

/**
 * Makes a module's Fastify plugin (not encapsulated, so what it provides is seen by the modules
 * after it). Fastify checks at registration that every named dependency was registered before it,
 * so a wrong order in modules.ts fails at start, not at the first request.
 */
export function defineModule(definition: ModuleDefinition) {
  const plugin = fp<ModuleOptions>(
    async (app, options) => {
      if (definition.services) {
        publish(
          app.services,
          definition.services({ ...options, log: app.log, services: app.services }),
          definition.name,
        );
      }
      await definition.register?.(app, options);
    },
    {
      name: definition.name,
      fastify: '5.x',
      dependencies: [...definition.dependencies],
      decorators: { fastify: ['services'] },
    },
  );
  return Object.assign(plugin, { definition });
}

/**
 * Every module's services without an app (no routes, no bus, no listening): what a worker or a
 * restarted process has. Modules must come in dependency order, as in app.ts.
 */
export function buildServices(modules: readonly ModulePlugin[], core: Omit<ServiceContext, 'services'>): Services {
  const services = {} as Services;
  const built = new Set<string>();
  for (const { definition } of modules) {
    const missing = definition.dependencies.filter((d) => !built.has(d));
    if (missing.length > 0) throw new Error(`module ${definition.name} needs ${missing.join(', ')} before it`);
    if (definition.services) publish(services, definition.services({ ...core, services }), definition.name);
    built.add(definition.name);
  }
  return services;
}
