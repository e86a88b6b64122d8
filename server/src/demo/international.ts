import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hashPassword } from '../modules/identity/index.js';
import { DEMO_PASSWORD } from './data.js';

export const DEMO_INTERNATIONAL_EMAIL = 'intl@example.org';

/**
 * Ana Beatriz Costa, from São Paulo, prefers Portuguese: an international patient of Harbor
 * General with a coordinator (the front desk demo account), an open interpreter request and a
 * prepared cost estimate. Added once; a no-op when she exists.
 */
export function ensureDemoInternational(db: Kysely<Database>): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(72400019)`.execute(trx);
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', DEMO_INTERNATIONAL_EMAIL)
      .executeTakeFirst();
    if (exists) return;
    const staff = await trx
      .selectFrom('users')
      .select(['id', 'organization_id'])
      .where('email', '=', 'staff@example.org')
      .executeTakeFirst();
    if (!staff?.organization_id) return;
    const user = await trx
      .insertInto('users')
      .values({
        email: DEMO_INTERNATIONAL_EMAIL,
        role: 'patient',
        given_name: 'Ana Beatriz',
        family_name: 'Costa',
        organization_id: staff.organization_id,
        password_hash: await hashPassword(DEMO_PASSWORD),
        email_verified_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const patient = await trx
      .insertInto('patients')
      .values({
        organization_id: staff.organization_id,
        user_id: user.id,
        given_name: 'Ana Beatriz',
        family_name: 'Costa',
        birth_date: '1979-06-12',
        email: DEMO_INTERNATIONAL_EMAIL,
        preferred_language: 'pt',
        address_line1: 'Rua Haddock Lobo, 595',
        address_city: 'São Paulo',
        address_region: 'SP',
        address_postal_code: '01414-001',
        address_country: 'BR',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('international_profiles')
      .values({
        patient_id: patient.id,
        organization_id: staff.organization_id,
        country: 'BR',
        preferred_language: 'Portuguese',
        confirmed_at: new Date(),
        coordinator_user_id: staff.id,
      })
      .execute();
    await trx
      .insertInto('international_requests')
      .values({
        organization_id: staff.organization_id,
        patient_id: patient.id,
        kind: 'interpreter',
        summary: 'I would like a Portuguese interpreter for my cardiology visits.',
        details: JSON.stringify({ language: 'Portuguese' }),
        appointment_id: null,
        created_by: user.id,
      })
      .execute();
    const lines = [
      { description: 'Cardiology consultation', quantity: 1, unit: 45_000 },
      { description: 'Echocardiogram', quantity: 1, unit: 120_000 },
      { description: 'Laboratory panel', quantity: 2, unit: 8_500 },
    ];
    const estimate = await trx
      .insertInto('care_estimates')
      .values({
        organization_id: staff.organization_id,
        patient_id: patient.id,
        title: 'Cardiac evaluation',
        total_cents: lines.reduce((s, l) => s + l.quantity * l.unit, 0),
        reference_currency: 'BRL',
        exchange_rate: '5.4321',
        patient_question: null,
        prepared_by: staff.id,
        accepted_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('care_estimate_lines')
      .values(
        lines.map((l, i) => ({
          estimate_id: estimate.id,
          position: i + 1,
          description: l.description,
          quantity: l.quantity,
          unit_cents: l.unit,
          line_cents: l.quantity * l.unit,
        })),
      )
      .execute();
  });
}
