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
import type { AvailabilityService, SlotContext } from './slots.js';
import { appointmentScope, isPatientSide } from './access.js';
import { toAppointmentDto } from './dto.js';
import type { AppointmentReader } from './reads.js';

export interface BookingHooks {
  /** Called after any change that frees or takes a slot (keeps "next available" fresh). */
  slotsChanged(clinicianId: string): Promise<void>;
  /** Called after an appointment is cancelled or moved (the visit's waiting room must know at once). */
  appointmentChanged(appointmentId: string): Promise<void>;
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

  /** Checks that `start` is an open slot; explains precisely why not otherwise. */
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
    const date = DateTime.fromJSDate(start, { zone: ctx.clinician.time_zone }).toISODate() ?? '';
    const same = (s: { start: Date }) => s.start.getTime() === start.getTime();
    const open = await this.availability.slots(ctx, date, 1, ignoreAppointment ? { ignoreAppointment } : {});
    if (open.some(same)) return;
    const offered = await this.availability.slots(ctx, date, 1, { ignoreBusy: true });
    if (offered.some(same)) throw await this.taken(ctx, start, ignoreAppointment);
    throw new AppError(
      'slot_unavailable',
      400,
      'The clinician does not see patients at that time. Choose one of the open times shown.',
      [{ field: 'start', message: 'Not an open time.' }],
    );
  }

  private async taken(ctx: SlotContext, start: Date, ignoreAppointment?: string): Promise<AppError> {
    const next = await this.availability.next(
      ctx,
      new Date(Math.max(Date.now(), start.getTime() - 60_000)),
      3,
      ignoreAppointment,
    );
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
    const ctx = await this.availability.context(body.clinicianId, body.visitTypeId);
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
    let appointment: Appointment;
    try {
      appointment = await this.repo.transaction((repo, trx) =>
        once.within(trx, async () => {
          const newId = await this.insert(repo, trx, ctx, {
            patientId,
            start,
            reason: body.reason ?? '',
            createdBy: caller.userId,
            interpreterLanguage: body.interpreterLanguage ?? null,
          });
          await repo.event({
            appointmentId: newId,
            actorUserId: caller.userId,
            action: 'book',
            from: null,
            to: 'booked',
          });
          await this.jobs.enqueue(
            { kind: 'appointment.notice', payload: { appointmentId: newId, kind: 'booked' } },
            trx,
          );
          // Built with the transaction's own connection (PGlite has only one): it is also the stored answer.
          const row = await repo.appointment(newId, { kind: 'all' });
          if (!row) throw new Error('appointment vanished inside its own transaction');
          // In the same transaction: no booking without its audit row (docs/decisions/0027).
          await this.audit.record(
            caller,
            { action: 'appointment.book', entityType: 'Appointment', entityId: newId, patientId, outcome: 'allowed' },
            trx,
          );
          return toAppointmentDto(row, isPatientSide(caller));
        }),
      );
    } catch (err) {
      throw await this.translateConflict(err, ctx, start);
    }
    await this.hooks.slotsChanged(ctx.clinician.id);
    return appointment;
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
    return this.taken(ctx, start, ignoreAppointment);
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
    const end = new Date(a.start.getTime() + ctx.visitType.duration_minutes * 60_000);
    const id = await repo.insertAppointment({
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
      ...(a.rescheduledFrom ? { rescheduledFrom: a.rescheduledFrom } : {}),
      interpreterLanguage: a.interpreterLanguage,
    });
    const policy = schedulingPolicy(ctx.clinician.org_settings);
    for (const minutes of policy.reminderOffsetsMinutes) {
      const runAt = new Date(a.start.getTime() - minutes * 60_000);
      if (runAt.getTime() > Date.now()) {
        await this.jobs.enqueue(
          {
            kind: 'appointment.reminder',
            payload: { appointmentId: id, start: a.start.toISOString() },
            runAt,
            dedupeKey: `reminder:${id}:${minutes}`,
          },
          trx,
        );
      }
    }
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
