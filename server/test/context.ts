import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { openPgliteFromTemplate } from './db-template.js';
import { migrate } from '../src/db/migrate.js';
import type { Services } from '../src/lib/module.js';
import { hashPassword } from '../src/modules/identity/index.js';

/**
 * A real database for tests: PostgreSQL when PORTICO_TEST_DATABASE_URL is set (CI runs the
 * integration suite that way too), otherwise a fresh in-memory PGlite per test file.
 * Tests isolate themselves by creating their own organization and random users, never by wiping.
 */
export const TEST_DATABASE_URL = process.env['PORTICO_TEST_DATABASE_URL'] ?? null;
export const PASSWORD = 'Correct-horse-42';

/** Settings that turn load shedding off, for tests about something else. */
export const SHEDDING_OFF = {
  PORTICO_MAX_EVENT_LOOP_DELAY_MS: '0',
  PORTICO_MAX_DATABASE_WAIT_MS: '0',
  PORTICO_MAX_IN_FLIGHT: '100000',
  PORTICO_MAX_HEAP_USED_MB: '0',
} as const;

export interface TestUser {
  id: string;
  email: string;
  role: 'patient' | 'clinician' | 'staff' | 'admin';
  patientId: string | null;
}

export interface TestContext {
  app: FastifyInstance;
  services: Services;
  database: DatabaseHandle;
  config: Config;
  orgId: string;
  /** Builds every response serializer no request has needed yet (they are built on first use). */
  compileSerializers(): number;
  close(): Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const config = loadConfig({
    PORTICO_LOG_LEVEL: 'silent',
    PORTICO_DATA_DIR: 'memory://',
    PORTICO_AUTH_RATE_LIMIT: '1000',
    PORTICO_WRITE_RATE_LIMIT: '100000',
    // Load shedding is off: the test runner shares this event loop and this embedded database
    // (and blocks them: uploads, PDFs, set-up), and some tests race hundreds of requests on
    // purpose. resilience.int.test.ts turns each signal on and proves it.
    ...SHEDDING_OFF,
    // Every refusal gets its row: tests probe from one address (audit-refusals.int tests the budget).
    PORTICO_AUDIT_ANONYMOUS_REFUSALS_PER_MINUTE: '0',
    ...env,
  });
  // A request waits for one of the 4 connections as long as it takes: on a loaded CI machine a
  // burst (race.int's 200 bookings of one slot) can queue past the shipped 5 s, and these tests
  // are about what is written, not about shedding (pg-outage and resilience test that).
  const database = TEST_DATABASE_URL
    ? await openDatabase({
        databaseUrl: TEST_DATABASE_URL,
        dataDir: 'memory://',
        poolSize: 4,
        connectTimeoutMs: 120_000,
      })
    : await openPgliteFromTemplate('migrated');
  await migrate(database);
  const { app, services, compileSerializers } = await buildApp(config, database, false);
  await app.ready();
  const orgId = await createOrganization(database);
  return {
    app,
    services,
    database,
    config,
    orgId,
    compileSerializers,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export function uniq(prefix = 'u'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createOrganization(
  database: DatabaseHandle,
  overrides: { techHelpPhone?: string } = {},
): Promise<string> {
  const slug = uniq('org');
  const row = await database.db
    .insertInto('organizations')
    .values({
      slug,
      name: `Test Hospital ${slug}`,
      time_zone: 'America/New_York',
      tech_help_phone: overrides.techHelpPhone ?? '617-555-0100',
      tech_help_email: 'help@test.example',
      billing_phone: '617-555-0101',
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A user with a known password; patients also get a patient record linked to the account. */
export async function createUser(
  ctx: TestContext,
  role: TestUser['role'],
  opts: { orgId?: string; verified?: boolean } = {},
): Promise<TestUser> {
  const orgId = opts.orgId ?? ctx.orgId;
  const email = `${uniq(role)}@test.example`;
  const user = await ctx.database.db
    .insertInto('users')
    .values({
      email,
      role,
      given_name: 'Test',
      family_name: role,
      organization_id: orgId,
      password_hash: await hashPassword(PASSWORD),
      email_verified_at: opts.verified === false ? null : new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let patientId: string | null = null;
  if (role === 'patient') {
    patientId = await createPatient(ctx, { orgId, userId: user.id, email });
  }
  return { id: user.id, email, role, patientId };
}

export async function createPatient(
  ctx: TestContext,
  opts: { orgId?: string; userId?: string | null; email?: string; birthDate?: string } = {},
): Promise<string> {
  const row = await ctx.database.db
    .insertInto('patients')
    .values({
      organization_id: opts.orgId ?? ctx.orgId,
      user_id: opts.userId ?? null,
      given_name: 'Pat',
      family_name: uniq('Patient'),
      birth_date: opts.birthDate ?? '1950-02-03',
      email: opts.email ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Agent {
  cookie: string;
  csrf: string;
  inject(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'portico_session');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `portico_session=${c.value}`;
}

/** Signs in through the real endpoint and returns an agent that sends the cookie and CSRF token. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed ${res.statusCode}: ${res.body}`);
  return agentFor(app, cookieFrom(res), res.json<{ csrfToken: string }>().csrfToken);
}

export function agentFor(app: FastifyInstance, cookie: string, csrf: string): Agent {
  return {
    cookie,
    csrf,
    inject: (method, url, body) =>
      app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  };
}

/**
 * Runs every due job now. Sign-up, password-reset and sign-in-link requests are finished by jobs
 * (the request only enqueues one), so tests run them before looking for the account or the email.
 */
export async function runJobs(ctx: TestContext): Promise<void> {
  await ctx.services.jobs.runDue('test');
}

export async function outboxFor(ctx: TestContext, to: string): Promise<{ subject: string; text: string }[]> {
  const rows = await ctx.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'body_text'])
    .where('to_address', '=', to)
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map((r) => ({ subject: r.subject, text: r.body_text }));
}

export function linkToken(text: string): string {
  const m = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m?.[1]) throw new Error('no token link in message');
  return m[1];
}
