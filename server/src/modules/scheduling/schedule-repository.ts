import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, VisitMode } from '../../db/schema.js';

/** Writes to clinicians' schedules and organizations' scheduling settings. SQL only. */
export class ScheduleRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  async organizationSettings(id: string): Promise<Record<string, unknown> | undefined> {
    return (await this.db.selectFrom('organizations').select('settings').where('id', '=', id).executeTakeFirst())
      ?.settings;
  }

  /** Merges keys into an organization's settings document; other features' keys stay. */
  async mergeOrganizationSettings(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('organizations')
      .set({ settings: sql`settings || ${JSON.stringify(patch)}::jsonb` })
      .where('id', '=', id)
      .execute();
  }

  async replaceWeekly(clinicianId: string, windows: { weekday: number; start: string; end: string }[]): Promise<void> {
    await this.db.deleteFrom('working_hours').where('clinician_id', '=', clinicianId).execute();
    if (windows.length) {
      await this.db
        .insertInto('working_hours')
        .values(
          windows.map((w) => ({ clinician_id: clinicianId, weekday: w.weekday, start_time: w.start, end_time: w.end })),
        )
        .execute();
    }
  }

  async insertException(
    clinicianId: string,
    e: { date: string; kind: 'time_off' | 'extra_hours'; start: string | null; end: string | null; note: string },
  ): Promise<string> {
    const row = await this.db
      .insertInto('schedule_exceptions')
      .values({
        clinician_id: clinicianId,
        on_date: e.date,
        kind: e.kind,
        start_time: e.start,
        end_time: e.end,
        note: e.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async deleteException(clinicianId: string, id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('schedule_exceptions')
      .where('id', '=', id)
      .where('clinician_id', '=', clinicianId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }

  async upsertHoliday(organizationId: string, date: string, name: string): Promise<void> {
    await this.db
      .insertInto('holidays')
      .values({ organization_id: organizationId, on_date: date, name })
      .onConflict((oc) => oc.columns(['organization_id', 'on_date']).doUpdateSet({ name }))
      .execute();
  }

  async insertVisitType(
    clinicianId: string,
    v: {
      name: string;
      mode: VisitMode;
      durationMinutes: number;
      bufferMinutes: number;
      newPatient: boolean;
      active: boolean;
    },
  ): Promise<string> {
    const row = await this.db
      .insertInto('visit_types')
      .values({
        clinician_id: clinicianId,
        name: v.name,
        mode: v.mode,
        duration_minutes: v.durationMinutes,
        buffer_minutes: v.bufferMinutes,
        new_patient: v.newPatient,
        active: v.active,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updateVisitType(
    clinicianId: string,
    id: string,
    v: {
      name: string;
      mode: VisitMode;
      durationMinutes: number;
      bufferMinutes: number;
      newPatient: boolean;
      active: boolean;
    },
  ): Promise<boolean> {
    const res = await this.db
      .updateTable('visit_types')
      .set({
        name: v.name,
        mode: v.mode,
        duration_minutes: v.durationMinutes,
        buffer_minutes: v.bufferMinutes,
        new_patient: v.newPatient,
        active: v.active,
      })
      .where('id', '=', id)
      .where('clinician_id', '=', clinicianId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
