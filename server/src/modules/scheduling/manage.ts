import type {
  ClinicianSchedule,
  HolidayBody,
  ScheduleException,
  SchedulingSettings,
  VisitTypeBody,
  WeeklyWindow,
} from '@portico/contracts';
import { DateTime } from 'luxon';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import type { AuditService } from '../audit/index.js';
import type { BookingHooks } from './booking.js';
import { toVisitTypeDto } from './dto.js';
import { schedulingPolicy } from './policy.js';
import type { SchedulingRepository } from './repository.js';
import { ScheduleRepository } from './schedule-repository.js';

const hhmm = (t: string): string => t.slice(0, 5);

/** Staff and admins keep clinicians' visit types, weekly hours, exceptions and holidays. */
export class ScheduleManagementService {
  constructor(
    private readonly repo: SchedulingRepository,
    private readonly writes: ScheduleRepository,
    private readonly audit: AuditService,
    private readonly hooks: BookingHooks,
  ) {}

  /**
   * Runs a schedule write and appends its audit row in one transaction, the audit last: both
   * commit or neither (decision 0027).
   */
  private async change(
    caller: AuthenticatedCaller,
    entry: { action: string; entityType: string; entityId: string },
    write: (writes: ScheduleRepository) => Promise<unknown>,
  ): Promise<void> {
    await this.repo.transaction(async (repo, trx) => {
      await write(new ScheduleRepository(repo.db));
      await this.audit.record(caller, { ...entry, outcome: 'allowed' }, trx);
    });
  }

  private async clinicianFor(caller: AuthenticatedCaller, clinicianId: string) {
    const c = await this.repo.clinician(clinicianId);
    if (!c || (caller.role !== 'admin' && c.organization_id !== caller.organizationId))
      throw notFound('This clinician');
    return c;
  }

  async get(caller: AuthenticatedCaller, clinicianId: string): Promise<ClinicianSchedule> {
    const c = await this.clinicianFor(caller, clinicianId);
    const today = DateTime.now().setZone(c.time_zone).toISODate() ?? '';
    const until = DateTime.now().setZone(c.time_zone).plus({ days: 365 }).toISODate() ?? '';
    const [weekly, exceptions, types] = await Promise.all([
      this.repo.weekly(c.id),
      this.repo.exceptions(c.id, today, until),
      this.repo.visitTypes(c.id, true),
    ]);
    return {
      clinicianId: c.id,
      timeZone: c.time_zone,
      weekly: weekly.map((w) => ({ weekday: w.weekday, start: hhmm(w.start_time), end: hhmm(w.end_time) })),
      exceptions: exceptions.map((e) => ({
        id: e.id,
        date: e.on_date,
        kind: e.kind,
        start: e.start_time ? hhmm(e.start_time) : null,
        end: e.end_time ? hhmm(e.end_time) : null,
        note: e.note,
      })),
      visitTypes: types.map(toVisitTypeDto),
    };
  }

  async setWeekly(
    caller: AuthenticatedCaller,
    clinicianId: string,
    windows: WeeklyWindow[],
  ): Promise<ClinicianSchedule> {
    await this.clinicianFor(caller, clinicianId);
    windows.forEach((w, i) => {
      if (w.start >= w.end)
        throw validation([{ field: `windows.${i}.end`, message: 'The end must be after the start.' }]);
    });
    for (const [i, w] of windows.entries()) {
      const clash = windows.findIndex(
        (o, j) => j !== i && o.weekday === w.weekday && o.start < w.end && w.start < o.end,
      );
      if (clash >= 0) throw validation([{ field: `windows.${i}`, message: 'Two windows on the same day overlap.' }]);
    }
    await this.change(
      caller,
      { action: 'schedule.weekly.update', entityType: 'Schedule', entityId: clinicianId },
      (w) => w.replaceWeekly(clinicianId, windows),
    );
    await this.hooks.slotsChanged(clinicianId);
    return this.get(caller, clinicianId);
  }

  async addException(
    caller: AuthenticatedCaller,
    clinicianId: string,
    e: ScheduleException,
  ): Promise<ClinicianSchedule> {
    await this.clinicianFor(caller, clinicianId);
    if ((e.start === null) !== (e.end === null))
      throw validation([{ field: 'end', message: 'Give both a start and an end, or neither for a whole day.' }]);
    if (e.start && e.end && e.start >= e.end)
      throw validation([{ field: 'end', message: 'The end must be after the start.' }]);
    if (e.kind === 'extra_hours' && !e.start)
      throw validation([{ field: 'start', message: 'Extra hours need a start and an end.' }]);
    await this.change(
      caller,
      { action: 'schedule.exception.create', entityType: 'Schedule', entityId: clinicianId },
      (w) =>
        w.insertException(clinicianId, { date: e.date, kind: e.kind, start: e.start, end: e.end, note: e.note ?? '' }),
    );
    await this.hooks.slotsChanged(clinicianId);
    return this.get(caller, clinicianId);
  }

  async removeException(caller: AuthenticatedCaller, clinicianId: string, id: string): Promise<ClinicianSchedule> {
    await this.clinicianFor(caller, clinicianId);
    // It changes when patients can book, like adding one: audited the same way (it was not before).
    await this.change(
      caller,
      { action: 'schedule.exception.remove', entityType: 'Schedule', entityId: clinicianId },
      async (w) => {
        if (!(await w.deleteException(clinicianId, id))) throw notFound('This exception');
      },
    );
    await this.hooks.slotsChanged(clinicianId);
    return this.get(caller, clinicianId);
  }

  async saveVisitType(
    caller: AuthenticatedCaller,
    clinicianId: string,
    id: string | null,
    body: VisitTypeBody,
  ): Promise<ClinicianSchedule> {
    const c = await this.clinicianFor(caller, clinicianId);
    if (!c.visit_modes.includes(body.mode)) {
      throw validation([{ field: 'mode', message: 'First allow this kind of visit on the clinician profile.' }]);
    }
    const values = { ...body, active: body.active ?? true };
    try {
      await this.change(
        caller,
        { action: 'schedule.visit_type.save', entityType: 'Schedule', entityId: clinicianId },
        async (w) => {
          if (id === null) await w.insertVisitType(clinicianId, values);
          else if (!(await w.updateVisitType(clinicianId, id, values))) throw notFound('This visit type');
        },
      );
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('conflict', 409, 'This clinician already has a visit type with that name.', [
          { field: 'name', message: 'Already exists.' },
        ]);
      }
      throw err;
    }
    await this.hooks.slotsChanged(clinicianId);
    return this.get(caller, clinicianId);
  }

  async addHoliday(caller: AuthenticatedCaller, body: HolidayBody): Promise<void> {
    if (caller.role !== 'admin' && body.organizationId !== caller.organizationId) throw notFound('This organization');
    await this.change(
      caller,
      { action: 'schedule.holiday.save', entityType: 'Organization', entityId: body.organizationId },
      (w) => w.upsertHoliday(body.organizationId, body.date, body.name),
    );
  }

  /** An organization's scheduling policy with defaults filled in (admins). */
  async settings(caller: AuthenticatedCaller, organizationId: string): Promise<SchedulingSettings> {
    const raw = caller.role === 'admin' ? await this.writes.organizationSettings(organizationId) : undefined;
    if (!raw) throw notFound('This organization');
    const p = schedulingPolicy(raw);
    return {
      cancellationCutoffHours: p.cancellationCutoffHours,
      reminderOffsetsMinutes: p.reminderOffsetsMinutes,
      checkInOpensMinutes: p.checkInOpensMinutes,
      minNoticeMinutes: p.minNoticeMinutes,
      bookingHorizonDays: p.horizonDays,
      emailShowsClinician: p.emailShowsClinician,
    };
  }

  async updateSettings(
    caller: AuthenticatedCaller,
    organizationId: string,
    body: SchedulingSettings,
  ): Promise<SchedulingSettings> {
    await this.settings(caller, organizationId);
    await this.change(
      caller,
      { action: 'organization.scheduling_settings.update', entityType: 'Organization', entityId: organizationId },
      (w) => w.mergeOrganizationSettings(organizationId, body),
    );
    return this.settings(caller, organizationId);
  }
}
