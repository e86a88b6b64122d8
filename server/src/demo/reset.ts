import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { ensureDemoBilling } from './billing.js';
import { ORGANIZATIONS } from './data.js';
import { ensureDemoInternational } from './international.js';
import { ensureDemoMedications } from './medications.js';
import { ensureDemoVitals } from './vitals.js';
import { ensureDemoOpinions } from './opinions.js';
import { ensureDemoHours } from './registration.js';
import { ensureDemoSmartApp } from './smart.js';
import { seedDemo } from './seed.js';
import { ensureDemoVisit } from './visit.js';

export type DemoResetResult =
  { reset: true; visitAt: Date | null; clinicians: number; patients: number } | { reset: false; reason: string };

const DEMO_SLUGS: readonly string[] = ORGANIZATIONS.map((o) => o.slug);

/**
 * The organizations in the database that are not the demo's, or null when there are no tables yet.
 * Anything under the demo organizations (sign-ups and bookings made while trying Portico) is demo
 * data; any other organization means a real deployment, which a reset must never touch.
 */
async function foreignOrganizations(database: DatabaseHandle): Promise<string[]> {
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass('public.organizations') is not null as present`.execute(database.db);
  if (!exists.rows[0]?.present) return [];
  const rows = await database.db.selectFrom('organizations').select(['slug', 'name']).execute();
  return rows.filter((r) => !DEMO_SLUGS.includes(r.slug)).map((r) => `${r.name} (${r.slug})`);
}

/**
 * `npm run demo:reset`: throws the demo database away and loads fresh demo data, with a new demo
 * video visit about 20 minutes ahead. Works on the embedded database and on DATABASE_URL alike,
 * by dropping and re-creating the `public` schema and running the migrations again. Refuses, with
 * nothing changed, when the database holds any organization other than the demo's.
 */
export async function resetDemo(database: DatabaseHandle, config: Config, now = new Date()): Promise<DemoResetResult> {
  const foreign = await foreignOrganizations(database);
  if (foreign.length > 0) {
    const listed = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
    return {
      reset: false,
      reason: `this database holds organizations that are not the demo's: ${listed}. demo:reset only resets a database with demo data in it, so nothing was changed.`,
    };
  }
  await database.inScriptTransaction(async (runner) => {
    await runner.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  });
  await migrate(database);
  const seeded = await seedDemo(database.db);
  const visitAt = await ensureDemoVisit(database.db, now);
  await ensureDemoMedications(database.db);
  await ensureDemoVitals(database.db);
  await ensureDemoBilling(database.db);
  await ensureDemoInternational(database.db);
  await ensureDemoHours(database.db);
  await ensureDemoSmartApp(database.db);
  await ensureDemoOpinions(database.db, config.files, now);
  return {
    reset: true,
    visitAt,
    clinicians: seeded.seeded ? seeded.clinicians : 0,
    patients: seeded.seeded ? seeded.patients : 0,
  };
}

/** What `demo-reset` prints: the outcome in a sentence or two, for a person at a terminal. */
export function demoResetReport(result: DemoResetResult, where: string): string {
  if (!result.reset) return `Demo data not reset on ${where}: ${result.reason}\n`;
  const at = result.visitAt
    ? result.visitAt.toLocaleTimeString('en-US', {
        timeZone: 'America/New_York',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      })
    : null;
  return [
    `Demo data reset on ${where}: ${result.clinicians} clinicians, ${result.patients} patients, every demo sign-in as new.`,
    at ? `Demo video visit: patient@example.org with Dr. Priya Raman at ${at}; check-in is open now.` : '',
    '',
  ]
    .filter((l, i, a) => l !== '' || i === a.length - 1)
    .join('\n');
}
