import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

interface PoolPeople {
  general: string;
  cancer: string;
  /** Answer clinical questions at Harbor General (the demo clinician and front desk). */
  generalTeam: string[];
  /** Billing and technical help at Harbor General. */
  generalFrontDesk: string[];
  cancerTeam: string[];
}

/** Shared inboxes patients can write to when they do not know whom to ask. */
export async function seedMessagePools(trx: Kysely<Database>, people: PoolPeople): Promise<void> {
  const pools = [
    {
      organization_id: people.general,
      name: 'Primary Care nurses',
      service_line_code: 'primary-care',
      members: people.generalTeam,
    },
    {
      organization_id: people.general,
      name: 'Cardiology nurses',
      service_line_code: 'cardiac',
      members: people.generalTeam,
    },
    {
      organization_id: people.general,
      name: 'Billing office',
      service_line_code: null,
      members: people.generalFrontDesk,
    },
    {
      organization_id: people.general,
      name: 'Technical help',
      service_line_code: null,
      members: people.generalFrontDesk,
    },
    {
      organization_id: people.cancer,
      name: 'Oncology nurses',
      service_line_code: 'oncology',
      members: people.cancerTeam,
    },
    { organization_id: people.cancer, name: 'Billing office', service_line_code: null, members: people.cancerTeam },
  ];
  for (const { members, ...pool } of pools) {
    const row = await trx.insertInto('message_pools').values(pool).returning('id').executeTakeFirstOrThrow();
    await trx
      .insertInto('message_pool_members')
      .values(members.map((user_id) => ({ pool_id: row.id, user_id })))
      .execute();
  }
}
