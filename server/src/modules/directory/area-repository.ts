import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** SQL for clinical areas (the conditions and programs clinicians are filed under); no rules. */
export class AreaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listAreas(organizationId: string | null) {
    let q = this.db
      .selectFrom('clinical_areas as a')
      .select([
        'a.id',
        'a.organization_id',
        'a.service_line_code',
        'a.name',
        'a.keywords',
        sql<string>`(select count(*) from clinician_clinical_areas cca where cca.clinical_area_id = a.id)`.as(
          'clinician_count',
        ),
      ]);
    if (organizationId) q = q.where('a.organization_id', '=', organizationId);
    return q.orderBy('a.name').execute();
  }

  async insertArea(a: {
    organizationId: string;
    serviceLineCode: string;
    name: string;
    keywords: string;
  }): Promise<string> {
    const row = await this.db
      .insertInto('clinical_areas')
      .values({
        organization_id: a.organizationId,
        service_line_code: a.serviceLineCode,
        name: a.name,
        keywords: a.keywords,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updateArea(
    id: string,
    organizationId: string | null,
    a: { serviceLineCode: string; name: string; keywords: string },
  ): Promise<boolean> {
    let q = this.db
      .updateTable('clinical_areas')
      .set({ service_line_code: a.serviceLineCode, name: a.name, keywords: a.keywords })
      .where('id', '=', id);
    if (organizationId) q = q.where('organization_id', '=', organizationId);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async areaOrganizations(ids: string[]): Promise<{ id: string; organization_id: string }[]> {
    if (!ids.length) return [];
    return this.db.selectFrom('clinical_areas').select(['id', 'organization_id']).where('id', 'in', ids).execute();
  }
}
