import type { SlotList, VisitType } from '@portico/contracts';
import { DateTime } from 'luxon';
import { AppError, notFound } from '../../lib/errors.js';
import { openSlots, type Slot } from './availability.js';
import type { BookingRepository, DayFacts } from './booking-repository.js';
import { schedulingPolicy } from './policy.js';
import { toVisitTypeDto } from './dto.js';
import type { ClinicianScheduling, SchedulingRepository, VisitTypeRow } from './repository.js';

export interface SlotContext {
  clinician: ClinicianScheduling;
  visitType: VisitTypeRow;
  /** The booking patient's name, when the context was read for a booking. */
  patientName?: string | null;
}

/** What a booking's single availability check found for the time asked for. */
export type SlotCheck =
  | { kind: 'open' }
  | { kind: 'closed' }
  /** The hours offer it but someone holds it: `next` are the next open times, from the same read. */
  | { kind: 'taken'; next: Slot[] };

const DAY_SPAN = 14;

/** Open slots for a clinician and visit type, derived on demand from templates and bookings. */
export class AvailabilityService {
  /** Facts reads in flight, by clinician, dates and options; each entry lives only until its read settles. */
  private readonly inFlight = new Map<string, Promise<DayFacts>>();

  constructor(
    private readonly repo: SchedulingRepository,
    private readonly bookings: BookingRepository,
  ) {}

  /** The clinician (active) and one of their active visit types (and the patient's name), or a 404: one statement. */
  async context(clinicianId: string, visitTypeId: string, patientId?: string): Promise<SlotContext> {
    const { clinician, visitType, patientName } = await this.bookings.context(clinicianId, visitTypeId, patientId);
    if (!clinician?.active) throw notFound('This clinician');
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
    return { clinician, visitType, patientName };
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
    const facts = await this.facts(ctx, fromDate, toDate, !opts.ignoreBusy, opts.ignoreAppointment);
    return this.compute(ctx, facts, fromDate, toDate, now);
  }

  /** Hours, exceptions, holidays and (unless `withBusy` is false) busy times of local dates [fromDate, toDate]: one statement. */
  private facts(
    ctx: SlotContext,
    fromDate: string,
    toDate: string,
    withBusy: boolean,
    ignoreAppointment?: string,
  ): Promise<DayFacts> {
    // A burst for one clinician (200 patients pressing "Book" on one slot) shares one read in flight:
    // whoever asks while it runs gets its answer, no older than if they had come a moment earlier.
    // Nothing is kept once it settles, so nothing can go stale or need invalidating across instances.
    const key = `${ctx.clinician.id}|${fromDate}|${toDate}|${withBusy}|${ignoreAppointment ?? ''}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const read = this.read(ctx, fromDate, toDate, withBusy, ignoreAppointment).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, read);
    return read;
  }

  private read(
    ctx: SlotContext,
    fromDate: string,
    toDate: string,
    withBusy: boolean,
    ignoreAppointment?: string,
  ): Promise<DayFacts> {
    const zone = ctx.clinician.time_zone;
    return this.bookings.facts({
      clinicianId: ctx.clinician.id,
      organizationId: ctx.clinician.organization_id,
      fromDate,
      toDate,
      from: DateTime.fromISO(fromDate, { zone }).minus({ days: 1 }).toJSDate(),
      to: DateTime.fromISO(toDate, { zone }).plus({ days: 2 }).toJSDate(),
      ignoreAppointment,
      withBusy,
    });
  }

  /** The last local date open to booking (today plus the organization's horizon). */
  private horizonEnd(ctx: SlotContext, now: Date): string {
    const horizon = schedulingPolicy(ctx.clinician.org_settings).horizonDays;
    return DateTime.fromJSDate(now, { zone: ctx.clinician.time_zone }).plus({ days: horizon }).toISODate() ?? '';
  }

  /** The open slots of local dates [fromDate, toDate] from facts already read (no statement). */
  private compute(ctx: SlotContext, facts: DayFacts, fromDate: string, toDate: string, now: Date): Slot[] {
    const policy = schedulingPolicy(ctx.clinician.org_settings);
    return openSlots({
      timeZone: ctx.clinician.time_zone,
      fromDate,
      toDate,
      weekly: facts.weekly,
      exceptions: facts.exceptions,
      holidays: new Set(facts.holidays),
      busy: facts.busy,
      durationMinutes: ctx.visitType.duration_minutes,
      bufferMinutes: ctx.visitType.buffer_minutes,
      notBefore: new Date(now.getTime() + policy.minNoticeMinutes * 60_000),
    });
  }

  /**
   * A booking's one availability check: reads the facts of the slot's date and the next two weeks
   * in one statement and decides from them whether `start` is open, outside the hours, or taken —
   * and when taken, the next open times from the same read, a day at a time (a burst of losers
   * costs one statement each and no second look). Open here is not a promise: the exclusion
   * constraint decides a race.
   */
  async check(ctx: SlotContext, start: Date, ignoreAppointment?: string): Promise<SlotCheck> {
    const zone = ctx.clinician.time_zone;
    const day = DateTime.fromJSDate(start, { zone });
    const date = day.toISODate() ?? '';
    const last = day.plus({ days: DAY_SPAN - 1 }).toISODate() ?? date;
    const now = new Date();
    if (date > this.horizonEnd(ctx, now)) return { kind: 'closed' };
    const facts = await this.facts(ctx, date, last, true, ignoreAppointment);
    const same = (s: Slot) => s.start.getTime() === start.getTime();
    if (this.compute(ctx, facts, date, date, now).some(same)) return { kind: 'open' };
    if (!this.compute(ctx, { ...facts, busy: [] }, date, date, now).some(same)) return { kind: 'closed' };
    return { kind: 'taken', next: await this.nextFrom(ctx, facts, start, 3, date, ignoreAppointment) };
  }

  /** The next open times after a lost race: one fresh read (the winner is now busy), then as `check`. */
  async nextAfterLoss(ctx: SlotContext, start: Date, ignoreAppointment?: string): Promise<Slot[]> {
    const after = new Date(Math.max(Date.now(), start.getTime() - 60_000));
    const date = DateTime.fromJSDate(after, { zone: ctx.clinician.time_zone }).toISODate() ?? '';
    const last =
      DateTime.fromISO(date, { zone: ctx.clinician.time_zone })
        .plus({ days: DAY_SPAN - 1 })
        .toISODate() ?? date;
    // Its own read, never one already in flight: that one may have begun before the winner committed.
    const facts = await this.read(ctx, date, last, true, ignoreAppointment);
    return this.nextFrom(ctx, facts, start, 3, date, ignoreAppointment);
  }

  /** Up to `count` open slots after `start` (less a minute), from facts covering two weeks from `date`, then further reads if needed. */
  private async nextFrom(
    ctx: SlotContext,
    facts: DayFacts,
    start: Date,
    count: number,
    date: string,
    ignoreAppointment?: string,
  ): Promise<Slot[]> {
    const after = new Date(Math.max(Date.now(), start.getTime() - 60_000));
    const zone = ctx.clinician.time_zone;
    const now = new Date();
    const found: Slot[] = [];
    const horizonEnd = this.horizonEnd(ctx, now);
    let day = DateTime.fromISO(date, { zone });
    for (let i = 0; i < DAY_SPAN && found.length < count; i++, day = day.plus({ days: 1 })) {
      const d = day.toISODate() ?? date;
      if (d > horizonEnd) return found;
      found.push(...this.compute(ctx, facts, d, d, now).filter((s) => s.start.getTime() > after.getTime()));
    }
    if (found.length >= count) return found.slice(0, count);
    const further = await this.next(ctx, day.toJSDate(), count - found.length, ignoreAppointment);
    return [...found, ...further].slice(0, count);
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
