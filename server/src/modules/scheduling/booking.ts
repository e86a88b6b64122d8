import { randomUUID } from 'node:crypto';
import type { Appointment, BookBody, RescheduleBody } from '@portico/contracts';
import { DateTime } from 'luxon';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { Idempotency, RetrySafeCreate } from '../../lib/idempotency.js';
import { pgConstraint, pgErrorCode } from '../../lib/pg-errors.js';
import type { AuditService } from '../audit/index.js';
import type { Db, JobService } from '../jobs/index.js';
import { schedulingPolicy } from './policy.js';
import { ACTIVE_STATUSES, type AppointmentRow, type SchedulingRepository } from './repository.js';
import type { Slot } from './availability.js';
import { BookingRepository, type NewBooking } from './booking-repository.js';
import type { AvailabilityService, SlotContext } from './slots.js';
import { appointmentScope, isPatientSide } from './access.js';
import { toAppointmentDto } from './dto.js';
import type { AppointmentReader } from './reads.js';

export interface BookingHooks {
  /** Called after any change that frees or takes a slot (keeps "next available" fresh). */
  slotsChanged(clinicianId: string): Promise<void>;
  /** The same, as a job a booking enqueues in its own statement. */
  slotsChangedJob(clinicianId: string): { kind: string; payload: Record<string, unknown> };
  /** Called after an appointment is cancelled or moved (the visit's waiting room must know at once). */
  appointmentChanged(appointmentId: string): Promise<void>;
}

/** The reminder jobs of an appointment, one per offset still in the future. */
function reminderJobs(
  appointmentId: string,
  start: Date,
  offsetsMinutes: readonly number[],
): { kind: string; payload: Record<string, unknown>; runAt: Date; dedupeKey: string }[] {
  return offsetsMinutes
    .map((minutes) => ({ minutes, runAt: new Date(start.getTime() - minutes * 60_000) }))
    .filter(({ runAt }) => runAt.getTime() > Date.now())
    .map(({ minutes, runAt }) => ({
      kind: 'appointment.reminder',
      payload: { appointmentId, start: start.toISOString() },
      runAt,
      dedupeKey: `reminder:${appointmentId}:${minutes}`,
    }));
}

/** A just-booked appointment's row, as `SchedulingRepository.appointment` would read it back. */
function bookedRow(ctx: SlotContext, b: NewBooking): AppointmentRow {
  const { clinician, visitType } = ctx;
  return {
    id: b.id,
    organization_id: clinician.organization_id,
    organization_name: clinician.org_name,
    organization_phone: clinician.org_phone,
    time_zone: clinician.time_zone,
    org_settings: clinician.org_settings,
    clinician_id: clinician.id,
    clinician_name: clinician.name,
    patient_id: b.patientId,
    patient_name: ctx.patientName ?? '',
    visit_type_id: visitType.id,
    visit_type_name: visitType.name,
    mode: b.mode,
    status: 'booked',
    start_at: b.start,
    end_at: b.end,
    reason: b.reason,
    cancel_reason: null,
    interpreter_language: b.interpreterLanguage,
  };
}

export interface BookingResult {
  status: number;
  appointment: Appointment;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** Booking, rescheduling and cancelling, by patients (for themselves) and staff (for their organization). */
export class BookingService {
  constructor(
    private readonly repo: SchedulingRepository,
    private readonly availability: AvailabilityService,
    private readonly jobs: JobService,
    private readonly audit: AuditService,
    private readonly hooks: BookingHooks,
    private readonly reader: AppointmentReader,
    private readonly idempotency: Idempotency,
  ) {}

  /** Which patient a booking is for, checked against the caller's reach (404 outside it). */
  private async patientFor(caller: AuthenticatedCaller, requested: string | undefined): Promise<string> {
    const scope = appointmentScope(caller);
    if (scope.kind === 'patient') {
      if (requested && requested !== scope.patientId) throw notFound('This patient record');
      return scope.patientId;
    }
    if (!requested)
      throw new AppError('validation_failed', 400, 'Choose the patient to book for.', [
        { field: 'patientId', message: 'Required when booking for a patient.' },
      ]);
    const org = await this.repo.patientOrganization(requested);
    if (!org || (scope.kind === 'organization' && org !== scope.organizationId)) throw notFound('This patient record');
    return requested;
  }

  /**
   * Checks once, with one read, that `start` is an open slot, and explains precisely why not
   * otherwise; a loser who comes after the winner committed is told here, with the next open times
   * from the same read, and never opens a transaction. Open here is not a promise: the exclusion
   * constraints decide a race.
   */
  private async assertBookable(ctx: SlotContext, start: Date, ignoreAppointment?: string): Promise<void> {
    const policy = schedulingPolicy(ctx.clinician.org_settings);
    const now = Date.now();
    if (start.getTime() < now + policy.minNoticeMinutes * 60_000) {
      throw new AppError(
        'slot_in_past',
        400,
        start.getTime() < now
          ? 'That time has already passed. Choose a time in the future.'
          : `Appointments need to be booked at least ${policy.minNoticeMinutes} minutes ahead. Choose a later time.`,
        [{ field: 'start', message: 'Too early.' }],
      );
    }
    const found = await this.availability.check(ctx, start, ignoreAppointment);
    if (found.kind === 'open') return;
    if (found.kind === 'taken') throw this.taken(ctx, found.next);
    throw new AppError(
      'slot_unavailable',
      400,
      'The clinician does not see patients at that time. Choose one of the open times shown.',
      [{ field: 'start', message: 'Not an open time.' }],
    );
  }

  /** 409 `slot_taken`, offering the next open times. */
  private taken(ctx: SlotContext, next: Slot[]): AppError {
    const offer = next.length
      ? ` The next open times are: ${next.map((s) => DateTime.fromJSDate(s.start, { zone: ctx.clinician.time_zone }).toFormat('ccc d LLL, h:mm a')).join('; ')}.`
      : '';
    return new AppError(
      'slot_taken',
      409,
      `Someone else just booked that time.${offer}`,
      [],
      {},
      { nextSlots: next.map((s) => s.start.toISOString()) },
    );
  }

  async book(caller: AuthenticatedCaller, body: BookBody, idempotencyKey: string | null): Promise<BookingResult> {
    const once = this.idempotency.request(caller, 'appointment.book', idempotencyKey, body);
    const answer = await once.run(() => this.create(caller, body, once));
    return { status: answer.status, appointment: answer.body, replayed: answer.replayed };
  }

  private async create(caller: AuthenticatedCaller, body: BookBody, once: RetrySafeCreate): Promise<Appointment> {
    const patientId = await this.patientFor(caller, body.patientId);
    const ctx = await this.availability.context(body.clinicianId, body.visitTypeId, patientId);
    if (isPatientSide(caller) && !ctx.clinician.self_scheduling) {
      throw new AppError(
        'self_scheduling_unavailable',
        403,
        'This clinician books visits through the office. Send an appointment request instead and staff will find a time with you.',
      );
    }
    if (caller.role !== 'admin' && !isPatientSide(caller) && ctx.clinician.organization_id !== caller.organizationId)
      throw notFound('This clinician');
    const start = new Date(body.start);
    await this.assertBookable(ctx, start);
    const booking = this.newBooking(ctx, {
      patientId,
      start,
      reason: body.reason ?? '',
      createdBy: caller.userId,
      interpreterLanguage: body.interpreterLanguage ?? null,
    });
    // The answer is known before anything is written: the row below, as the reader would return it.
    const answer = toAppointmentDto(bookedRow(ctx, booking), isPatientSide(caller));
    const policy = schedulingPolicy(ctx.clinician.org_settings);
    const jobs = this.jobs.enqueueStatement([
      { kind: 'appointment.notice', payload: { appointmentId: booking.id, kind: 'booked' } },
      ...reminderJobs(booking.id, start, policy.reminderOffsetsMinutes),
      this.hooks.slotsChangedJob(ctx.clinician.id),
    ]);
    try {
      return await this.repo.transaction((_repo, trx) =>
        once.withinOne(trx, answer, async (claim) => {
          // Key, appointment, event and jobs: one statement. Then the audit row, last (it takes the
          // chain's lock), in the same transaction: no booking without its audit row (0027).
          await new BookingRepository(trx).book(booking, claim, jobs);
          await this.audit.record(
            caller,
            {
              action: 'appointment.book',
              entityType: 'Appointment',
              entityId: booking.id,
              patientId,
              outcome: 'allowed',
            },
            trx,
          );
        }),
      );
    } catch (err) {
      throw await this.translateConflict(err, ctx, start);
    }
  }

  /** The row of a new booking: its id chosen here, its times from the visit type. */
  private newBooking(
    ctx: SlotContext,
    a: { patientId: string; start: Date; reason: string; createdBy: string; interpreterLanguage: string | null },
  ): NewBooking {
    const end = new Date(a.start.getTime() + ctx.visitType.duration_minutes * 60_000);
    return {
      id: randomUUID(),
      organizationId: ctx.clinician.organization_id,
      clinicianId: ctx.clinician.id,
      patientId: a.patientId,
      visitTypeId: ctx.visitType.id,
      mode: ctx.visitType.mode,
      start: a.start,
      end,
      busyUntil: new Date(end.getTime() + ctx.visitType.buffer_minutes * 60_000),
      reason: a.reason,
      createdBy: a.createdBy,
      interpreterLanguage: a.interpreterLanguage,
    };
  }

  private async translateConflict(
    err: unknown,
    ctx: SlotContext,
    start: Date,
    ignoreAppointment?: string,
  ): Promise<unknown> {
    if (pgErrorCode(err) !== '23P01') return err;
    if (pgConstraint(err).includes('patient_overlap')) {
      return new AppError(
        'conflict',
        409,
        'You already have an appointment at that time. Choose another time, or change the other appointment first.',
        [{ field: 'start', message: 'Overlaps another appointment.' }],
      );
    }
    // Lost the race at the constraint: one fresh read for the next times (the winner now holds its time).
    return this.taken(ctx, await this.availability.nextAfterLoss(ctx, start, ignoreAppointment));
  }

  private async insert(
    repo: SchedulingRepository,
    trx: Db,
    ctx: SlotContext,
    a: {
      patientId: string;
      start: Date;
      reason: string;
      createdBy: string;
      rescheduledFrom?: string;
      interpreterLanguage: string | null;
    },
  ): Promise<string> {
    // Here the database chooses the id (insertAppointment takes none).
    const { id: _unusedId, ...row } = this.newBooking(ctx, a);
    const id = await repo.insertAppointment({
      ...row,
      ...(a.rescheduledFrom ? { rescheduledFrom: a.rescheduledFrom } : {}),
    });
    const policy = schedulingPolicy(ctx.clinician.org_settings);
    for (const job of reminderJobs(id, a.start, policy.reminderOffsetsMinutes)) await this.jobs.enqueue(job, trx);
    return id;
  }

  /** Patients change their own visits online only before the organization's cut-off and before check-in. */
  private assertPatientMayChange(caller: AuthenticatedCaller, a: AppointmentRow): void {
    // Once the visit is under way nobody changes it here; the clinic may still cancel after check-in.
    const started = a.status === 'arrived' || (isPatientSide(caller) && a.status === 'checked-in');
    if (!ACTIVE_STATUSES.includes(a.status) || started) {
      throw new AppError(
        'appointment_not_changeable',
        409,
        `This appointment is ${a.status === 'cancelled' ? 'already cancelled' : 'no longer open to changes'}.`,
      );
    }
    if (!isPatientSide(caller)) return;
    const policy = schedulingPolicy(a.org_settings);
    if (a.start_at.getTime() - Date.now() < policy.cancellationCutoffHours * 3_600_000) {
      throw new AppError(
        'cancellation_cutoff',
        409,
        `Changes less than ${policy.cancellationCutoffHours} hours before a visit must be made by phone. Please call ${a.organization_name} at ${a.organization_phone}.`,
      );
    }
  }

  async cancel(caller: AuthenticatedCaller, id: string, reason: string | undefined): Promise<Appointment> {
    const scope = appointmentScope(caller);
    const clinicianId = await this.repo.transaction(async (repo, trx) => {
      const a = await repo.appointment(id, scope, true);
      if (!a) throw notFound('This appointment');
      this.assertPatientMayChange(caller, a);
      await repo.setStatus(id, 'cancelled', {
        cancelReason: reason ?? (isPatientSide(caller) ? 'Cancelled by patient' : 'Cancelled by the clinic'),
      });
      await repo.event({
        appointmentId: id,
        actorUserId: caller.userId,
        action: 'cancel',
        from: a.status,
        to: 'cancelled',
      });
      await this.jobs.cancelByPrefix(`reminder:${id}:`, trx);
      await this.jobs.enqueue({ kind: 'appointment.notice', payload: { appointmentId: id, kind: 'cancelled' } }, trx);
      await this.audit.record(
        caller,
        {
          action: 'appointment.cancel',
          entityType: 'Appointment',
          entityId: id,
          patientId: a.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
      return a.clinician_id;
    });
    const appt = await this.reader.get(caller, id);
    await this.hooks.slotsChanged(clinicianId);
    await this.hooks.appointmentChanged(id);
    return appt;
  }

  async reschedule(caller: AuthenticatedCaller, id: string, body: RescheduleBody): Promise<Appointment> {
    const scope = appointmentScope(caller);
    const current = await this.repo.appointment(id, scope);
    if (!current) throw notFound('This appointment');
    this.assertPatientMayChange(caller, current);
    const ctx = await this.availability.context(current.clinician_id, body.visitTypeId ?? current.visit_type_id);
    const start = new Date(body.start);
    await this.assertBookable(ctx, start, id);
    let newId: string;
    try {
      newId = await this.repo.transaction(async (repo, trx) => {
        const locked = await repo.appointment(id, scope, true);
        if (!locked) throw notFound('This appointment');
        this.assertPatientMayChange(caller, locked);
        await repo.setStatus(id, 'cancelled', { cancelReason: 'Rescheduled' });
        await repo.event({
          appointmentId: id,
          actorUserId: caller.userId,
          action: 'reschedule',
          from: locked.status,
          to: 'cancelled',
        });
        await this.jobs.cancelByPrefix(`reminder:${id}:`, trx);
        const created = await this.insert(repo, trx, ctx, {
          patientId: locked.patient_id,
          start,
          reason: locked.reason,
          createdBy: caller.userId,
          rescheduledFrom: id,
          interpreterLanguage: locked.interpreter_language,
        });
        await repo.event({
          appointmentId: created,
          actorUserId: caller.userId,
          action: 'book',
          from: null,
          to: 'booked',
          detail: { rescheduledFrom: id },
        });
        await this.jobs.enqueue(
          { kind: 'appointment.notice', payload: { appointmentId: created, kind: 'changed' } },
          trx,
        );
        await this.audit.record(
          caller,
          {
            action: 'appointment.reschedule',
            entityType: 'Appointment',
            entityId: created,
            patientId: locked.patient_id,
            outcome: 'allowed',
            detail: { from: id },
          },
          trx,
        );
        return created;
      });
    } catch (err) {
      throw await this.translateConflict(err, ctx, start, id);
    }
    await this.hooks.slotsChanged(current.clinician_id);
    await this.hooks.appointmentChanged(id);
    return this.reader.get(caller, newId);
  }
}
