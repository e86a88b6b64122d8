import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createOrganization, PASSWORD, TEST_DATABASE_URL } from './context.js';
import { hashPassword } from '../src/modules/identity/service.js';
import type { FastifyInstance } from 'fastify';

const lines: string[] = [];
let app: FastifyInstance;
let database: DatabaseHandle;

beforeAll(async () => {
  const config = loadConfig({ PORTICO_DATA_DIR: 'memory://' });
  database = await openDatabase({ databaseUrl: TEST_DATABASE_URL, dataDir: 'memory://' });
  await migrate(database);
  ({ app } = await buildApp(config, database, loggerOptions('info', { write: (m) => void lines.push(m) })));
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('logs', () => {
  it('carry requests but no passwords, cookies, tokens, emails, names or search terms', async () => {
    const orgId = await createOrganization(database);
    const email = `logcheck-${Date.now()}@test.example`;
    await database.db
      .insertInto('users')
      .values({
        email,
        role: 'staff',
        given_name: 'Loggy',
        family_name: 'McLogface',
        organization_id: orgId,
        password_hash: await hashPassword(PASSWORD),
        email_verified_at: new Date(),
      })
      .execute();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'portico_session')?.value ?? '';
    const csrf = login.json().csrfToken as string;
    await app.inject({
      method: 'GET',
      url: '/api/patients?q=Quillfeather',
      headers: { cookie: `portico_session=${cookie}` },
    });
    await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie: `portico_session=${cookie}`, 'x-csrf-token': csrf },
      payload: { givenName: 'Zebedee', familyName: 'Quillfeather', birthDate: '1941-07-04', email: 'zeb@test.example' },
    });
    await app.inject({ method: 'GET', url: '/verify-email?token=SECRET-LINK-TOKEN-123' });
    const log = lines.join('');
    expect(log).toContain('"path":"/api/patients"'); // requests are logged…
    for (const secret of [
      PASSWORD,
      email,
      cookie,
      csrf,
      'Quillfeather',
      'Zebedee',
      '1941-07-04',
      'zeb@test.example',
      'SECRET-LINK-TOKEN-123',
      'Loggy',
    ]) {
      expect(log).not.toContain(secret); // …without anything personal or secret
    }
  });
});
