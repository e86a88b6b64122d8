import type { SlotList, VisitType } from '@portico/contracts';
import { DateTime } from 'luxon';
import { AppError, notFound } from '../../lib/errors.js';
import { openSlots, type Slot } from './availability.js';
import { schedulingPolicy } from './policy.js';
import { toVisitTypeDto } from './dto.js';
import type { ClinicianScheduling, SchedulingRepository, VisitTypeRow } from './repository.js';

export interface SlotContext {
  clinician: ClinicianScheduling;
  visitType: VisitTypeRow;
}

/** Open slots for a clinician and visit type, derived on demand from templates and bookings. */
export class AvailabilityService {
  constructor(private readonly repo: SchedulingRepository) {}

  /** The clinician (active) and one of their active visit types, or a 404. */
  async context(clinicianId: string, visitTypeId: string): Promise<SlotContext> {
    const clinician = await this.repo.clinician(clinicianId);
    if (!clinician?.active) throw notFound('This clinician');
    const visitType = await this.repo.visitType(visitTypeId);
    if (
      !visitType ||
      visitType.clinician_id !== clinicianId ||
      !visitType.active ||
      !clinician.visit_modes.includes(visitType.mode)
    ) {
      throw new AppError(
        'visit_type_unavailable',
        400,
        'This clinician does not offer that kind of visit. Choose one of the listed visit types.',
        [{ field: 'visitTypeId', message: 'Not offered by this clinician.' }],
      );
    }
    return { clinician, visitType };
  }

  /** The visit types patients can choose for a clinician. */
  async visitTypes(clinicianId: string): Promise<VisitType[]> {
    const clinician = await this.repo.clinician(clinicianId);
    if (!clinician?.active) return [];
    return (await this.repo.visitTypes(clinicianId))
      .filter((v) => clinician.visit_modes.includes(v.mode))
      .map(toVisitTypeDto);
  }

  /** Slots on local dates [fromDate, fromDate + days). `ignoreBusy` lists what the hours allow. */
  async slots(
    ctx: SlotContext,
    fromDate: string,
    days: number,
    opts: { ignoreBusy?: boolean; ignoreAppointment?: string; now?: Date } = {},
  ): Promise<Slot[]> {
    const zone = ctx.clinician.time_zone;
    const policy = schedulingPolicy(ctx.clinician.org_settings);
    const now = opts.now ?? new Date();
    const first = DateTime.fromISO(fromDate, { zone });
    const horizonEnd = DateTime.fromJSDate(now, { zone }).plus({ days: policy.horizonDays }).toISODate() ?? fromDate;
    const lastCandidate = first.plus({ days: days - 1 }).toISODate() ?? fromDate;
    const toDate = lastCandidate < horizonEnd ? lastCandidate : horizonEnd;
    if (toDate < fromDate) return [];
    const rangeStart = first.minus({ days: 1 }).toJSDate();
    const rangeEnd = DateTime.fromISO(toDate, { zone }).plus({ days: 2 }).toJSDate();
    const [weekly, exceptions, holidays, busy] = await Promise.all([
      this.repo.weekly(ctx.clinician.id),
      this.repo.exceptions(ctx.clinician.id, fromDate, toDate),
      this.repo.holidays(ctx.clinician.organization_id, fromDate, toDate),
      opts.ignoreBusy
        ? Promise.resolve([])
        : this.repo.busy(ctx.clinician.id, rangeStart, rangeEnd, opts.ignoreAppointment),
    ]);
    return openSlots({
      timeZone: zone,
      fromDate,
      toDate,
      weekly: weekly.map((w) => ({ weekday: w.weekday, start: w.start_time, end: w.end_time })),
      exceptions: exceptions.map((e) => ({ date: e.on_date, kind: e.kind, start: e.start_time, end: e.end_time })),
      holidays: new Set(holidays),
      busy,
      durationMinutes: ctx.visitType.duration_minutes,
      bufferMinutes: ctx.visitType.buffer_minutes,
      notBefore: new Date(now.getTime() + policy.minNoticeMinutes * 60_000),
    });
  }

  async list(
    clinicianId: string,
    visitTypeId: string,
    from: string | undefined,
    days: number | undefined,
  ): Promise<SlotList> {
    const ctx = await this.context(clinicianId, visitTypeId);
    const today = DateTime.now().setZone(ctx.clinician.time_zone).toISODate() ?? '';
    const fromDate = from && from > today ? from : today;
    const slots = await this.slots(ctx, fromDate, days ?? 14);
    return {
      clinicianId,
      visitTypeId,
      timeZone: ctx.clinician.time_zone,
      slots: slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() })),
    };
  }

  /** The next `count` open slots from a moment, searching up to the booking horizon. */
  async next(ctx: SlotContext, after: Date, count: number, ignoreAppointment?: string): Promise<Slot[]> {
    const zone = ctx.clinician.time_zone;
    const horizon = schedulingPolicy(ctx.clinician.org_settings).horizonDays;
    const found: Slot[] = [];
    let from = DateTime.fromJSDate(after, { zone });
    for (let searched = 0; searched < horizon && found.length < count; searched += 14) {
      const date = from.toISODate();
      if (!date) break;
      const batch = await this.slots(ctx, date, 14, ignoreAppointment ? { ignoreAppointment } : {});
      found.push(...batch.filter((s) => s.start.getTime() > after.getTime()));
      from = from.plus({ days: 14 });
    }
    return found.slice(0, count);
  }

  /** Every active clinician: whose "next available" the directory keeps up to date. */
  activeClinicianIds(): Promise<{ id: string }[]> {
    return this.repo.activeClinicianIds();
  }

  /** Earliest open slot over all of a clinician's active visit types, or null. */
  async firstOpen(clinicianId: string): Promise<Date | null> {
    const clinician = await this.repo.clinician(clinicianId);
    if (!clinician?.active) return null;
    const types = (await this.repo.visitTypes(clinicianId)).filter((v) => clinician.visit_modes.includes(v.mode));
    let best: Date | null = null;
    for (const visitType of types) {
      const [slot] = await this.next({ clinician, visitType }, new Date(), 1);
      if (slot && (!best || slot.start < best)) best = slot.start;
    }
    return best;
  }
}
