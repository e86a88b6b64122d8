import { TELEHEALTH_CONSENT_VERSION, type CheckInBody, type EndVisitBody, type VisitView } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller, Caller } from '../../lib/caller.js';
import { AppError, forbidden, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { isHost, mayAdmit, viewerFor, visitNotFound, type Viewer } from './access.js';
import type { VisitBus } from './bus.js';
import { allowedRegions, checkInWindow, decideOutcome, locationAllowed } from './lifecycle.js';
import type { PresenceRepository } from './presence-repository.js';
import type { VisitRepository, VisitRow } from './repository.js';
import type { VisitReader } from './visit-reader.js';
import type { VisitSnapshot } from './views.js';

const ENDED = new Set(['finished', 'cancelled']);

/** The visit's rules: check-in, the waiting room, admission, phone fallback and the outcome. */
/** Told inside the transaction that ends a visit, so what it writes commits with the end or not at all. */
export type EndedListener = (encounterId: string, trx: Kysely<Database>) => Promise<void>;

/**
 * Sends a visit read after a change to this instance's sockets of it, and returns what was read
 * (the hub's `refreshFrom`; until it is set, the read alone).
 */
export type LocalFanOut = (
  encounterId: string,
  read: () => Promise<VisitSnapshot | null>,
) => Promise<VisitSnapshot | null>;

export class VisitService {
  readonly #endedListeners: EndedListener[] = [];
  #fanOut: LocalFanOut = (_encounterId, read) => read();

  constructor(
    private readonly repo: VisitRepository,
    private readonly presence: PresenceRepository,
    private readonly audit: AuditService,
    private readonly bus: VisitBus,
    /** Each participant's view of a visit (also the hub's, for its sockets). */
    readonly reader: VisitReader,
    /** This process's id on the bus: its own hub is sent a change directly, not over the bus. */
    private readonly instanceId: string,
  ) {}

  /** The hub of this instance, set once it exists (it reads visits through this service). */
  useLocalFanOut(fanOut: LocalFanOut): void {
    this.#fanOut = fanOut;
  }

  /** The visit behind an appointment, and who the caller is in it (404 for anyone else or in-person visits). */
  async load(caller: Caller, appointmentId: string): Promise<{ row: VisitRow; viewer: Viewer }> {
    // The encounter is made the first time anyone opens the visit; after that, one read.
    let row = await this.repo.visit(appointmentId);
    if (!row) {
      await this.repo.ensureEncounter(appointmentId);
      row = await this.repo.visit(appointmentId);
    }
    if (!row) throw visitNotFound();
    try {
      return { row, viewer: viewerFor(caller, row, '') };
    } catch (err) {
      await this.audit.record(caller, {
        action: 'visit.view',
        entityType: 'encounter',
        entityId: row.encounter_id,
        outcome: 'denied',
      });
      throw err;
    }
  }

  async view(caller: AuthenticatedCaller, appointmentId: string): Promise<VisitView> {
    const { row, viewer } = await this.load(caller, appointmentId);
    await this.auditView(caller, row);
    return this.reader.render(row, viewer);
  }

  private auditView(caller: AuthenticatedCaller, row: VisitRow): Promise<void> {
    return this.audit.record(caller, {
      action: 'visit.view',
      entityType: 'encounter',
      entityId: row.encounter_id,
      patientId: row.patient_id,
      outcome: 'allowed',
    });
  }

  /**
   * Another module (billing) learns that a visit ended or was cancelled, with its outcome decided,
   * inside the transaction that ends it (billing enqueues the charge there: no ended visit without it).
   */
  onEnded(listener: EndedListener): void {
    this.#endedListeners.push(listener);
  }

  private async ended(encounterId: string, trx: Kysely<Database>): Promise<void> {
    for (const listener of this.#endedListeners) await listener(encounterId, trx);
  }

  private async changed(row: VisitRow): Promise<void> {
    await this.bus.publish({ kind: 'visit', encounterId: row.encounter_id });
  }

  /**
   * After a change has committed, the caller's answer: the visit is read once, this instance's
   * sockets get it first (a patient let in hears of it before the clinician's request returns),
   * and the answer is made from the same read. Other instances hear of the change on the bus.
   */
  private async changedAndView(caller: AuthenticatedCaller, row: VisitRow): Promise<VisitView> {
    await this.bus.publish({ kind: 'visit', encounterId: row.encounter_id, exceptInstance: this.instanceId });
    const snapshot = await this.#fanOut(row.encounter_id, () => this.reader.snapshot(row.appointment_id));
    if (!snapshot) throw visitNotFound();
    await this.auditView(caller, snapshot.row);
    return this.reader.viewOf(snapshot, viewerFor(caller, snapshot.row, ''));
  }

  /** Audits a change inside its transaction `trx`, as its last write: both commit or neither (decision 0027). */
  private async record(
    caller: Caller,
    row: VisitRow,
    action: string,
    trx: Kysely<Database>,
    detail?: Record<string, string | number | boolean>,
  ) {
    await this.audit.record(
      caller,
      {
        action,
        entityType: 'encounter',
        entityId: row.encounter_id,
        patientId: row.patient_id,
        outcome: 'allowed',
        ...(detail ? { detail } : {}),
      },
      trx,
    );
  }

  private assertOpen(row: VisitRow): void {
    if (ENDED.has(row.status) || row.appointment_status === 'cancelled' || row.appointment_status === 'noshow') {
      throw new AppError('visit_closed', 409, 'This visit has ended or was cancelled.');
    }
  }

  async checkIn(caller: AuthenticatedCaller, appointmentId: string, body: CheckInBody): Promise<VisitView> {
    const { row, viewer } = await this.load(caller, appointmentId);
    if (viewer.role !== 'patient') throw forbidden();
    this.assertOpen(row);
    const policyMinutes = numberSetting(row.org_settings, 'checkInOpensMinutes', 30);
    const window = checkInWindow(row.start_at, row.end_at, policyMinutes, new Date());
    if (!window.open) {
      throw new AppError(
        'check_in_not_open',
        409,
        new Date() < window.opensAt
          ? `Check-in opens ${policyMinutes} minutes before your visit.`
          : 'Check-in for this visit has closed.',
        [],
        {},
        { opensAt: window.opensAt.toISOString() },
      );
    }
    const fields = [];
    if (!body.consentAccepted)
      fields.push({ field: 'consentAccepted', message: 'Please accept the telehealth consent to continue.' });
    if (body.consentVersion !== TELEHEALTH_CONSENT_VERSION) {
      fields.push({
        field: 'consentVersion',
        message: 'The consent text has changed. Reload the page and read it again.',
      });
    }
    if (body.location.country === 'US' && !body.location.region) {
      fields.push({ field: 'location.region', message: 'Choose the state you are in right now.' });
    }
    if (fields.length > 0) throw validation(fields);

    const regions = allowedRegions(row.org_settings, row.licensed_states);
    const allowed = locationAllowed(regions, body.location.country, body.location.region);
    const checksIn = allowed && (row.appointment_status === 'booked' || row.appointment_status === 'pending');
    await this.repo.transaction(async (repo, trx) => {
      await repo.saveCheckIn({
        encounter_id: row.encounter_id,
        location_country: body.location.country,
        location_region: body.location.region ?? null,
        location_allowed: allowed,
        medications_confirmed: body.medicationsConfirmed,
        questions: body.questions?.trim() ?? '',
        contact_phone: body.contactPhone.trim(),
        insurance_confirmed: body.insuranceConfirmed,
        interpreter_language: body.interpreterLanguage ?? null,
        consent_version: body.consentVersion,
        checked_in_by: caller.userId,
      });
      if (checksIn) await repo.setAppointmentStatus(row.appointment_id, 'checked-in', caller.userId);
      // The attestation is kept either way; the audit says where (state or country), never more.
      await this.record(caller, row, 'visit.check_in', trx, {
        locationAllowed: allowed,
        location: body.location.region ? `${body.location.country}-${body.location.region}` : body.location.country,
        consentVersion: body.consentVersion,
      });
    });
    if (!allowed) {
      await this.changed(row);
      throw new AppError(
        'location_not_allowed',
        403,
        `For this visit you must be in ${regions.join(' or ')} at the time of the visit, because that is where your clinician may practise. You can reschedule for a time when you will be there.`,
        [],
        {},
        { allowedRegions: regions },
      );
    }
    await this.changed(row);
    return this.reader.render({ ...row, appointment_status: 'checked-in' }, viewer);
  }

  /** The patient presses Start: they enter the waiting room and the clinician sees them there. */
  async start(caller: AuthenticatedCaller, appointmentId: string): Promise<VisitView> {
    const { row, viewer } = await this.load(caller, appointmentId);
    if (viewer.role !== 'patient') throw forbidden();
    this.assertOpen(row);
    const checkIn = await this.repo.checkIn(row.encounter_id);
    if (!checkIn) throw new AppError('check_in_required', 409, 'Please check in before starting your visit.');
    if (!checkIn.location_allowed) {
      throw new AppError(
        'location_not_allowed',
        403,
        'Your check-in says you are somewhere this visit cannot take place. Check in again from an allowed location, or reschedule.',
        [],
        {},
        { allowedRegions: allowedRegions(row.org_settings, row.licensed_states) },
      );
    }
    if (row.status === 'planned') {
      await this.repo.transaction(async (repo, trx) => {
        await repo.update(
          row.encounter_id,
          { status: 'arrived', waiting_since: new Date() },
          caller.userId,
          'patient started',
        );
        await this.record(caller, row, 'visit.waiting', trx);
      });
      await this.changed(row);
    }
    return this.reader.renderById(appointmentId, viewer).then((v) => v ?? Promise.reject(visitNotFound()));
  }

  private async asHost(caller: AuthenticatedCaller, appointmentId: string): Promise<VisitRow> {
    const { row, viewer } = await this.load(caller, appointmentId);
    if (!isHost(viewer))
      throw new AppError('not_visit_clinician', 403, 'Only the clinician for this visit can do this.');
    this.assertOpen(row);
    return row;
  }

  /** The clinician (or staff they named) admits; arriving early never skips the waiting room. */
  async admit(
    caller: AuthenticatedCaller,
    appointmentId: string,
    participantId: string | undefined,
  ): Promise<VisitView> {
    const { row, viewer } = await this.load(caller, appointmentId);
    if (!mayAdmit(viewer)) {
      throw new AppError(
        'not_visit_clinician',
        403,
        'Only the clinician for this visit, or staff they have named, can let people in.',
      );
    }
    this.assertOpen(row);
    await this.repo.transaction(async (repo, trx) => {
      const admitted = await this.presence
        .with(trx)
        .admit(row.encounter_id, participantId ? { participantId } : { role: 'patient' });
      if (admitted === 0) {
        throw new AppError(
          'nobody_waiting',
          409,
          participantId
            ? 'That person is no longer in the waiting room.'
            : 'The patient is not in the waiting room yet.',
        );
      }
      if (!participantId && row.status !== 'in-progress') {
        await repo.update(
          row.encounter_id,
          { status: 'in-progress', admitted_at: new Date() },
          caller.userId,
          'admitted',
        );
        await repo.setAppointmentStatus(row.appointment_id, 'arrived', caller.userId);
      }
      await this.record(caller, row, 'visit.admit', trx, participantId ? { participantId } : { who: 'patient' });
    });
    return this.changedAndView(caller, row);
  }

  async runningLate(caller: AuthenticatedCaller, appointmentId: string, minutes: number): Promise<VisitView> {
    const row = await this.asHost(caller, appointmentId);
    await this.repo.transaction(async (repo, trx) => {
      await repo.update(row.encounter_id, { running_late_minutes: minutes === 0 ? null : minutes }, caller.userId);
      await this.record(caller, row, 'visit.running_late', trx, { minutes });
    });
    return this.changedAndView(caller, row);
  }

  /** "I'll call you at …": the visit continues by phone. */
  async switchToPhone(
    caller: AuthenticatedCaller,
    appointmentId: string,
    number: string | undefined,
  ): Promise<VisitView> {
    const row = await this.asHost(caller, appointmentId);
    const checkIn = await this.repo.checkIn(row.encounter_id);
    const phone = number ?? checkIn?.contact_phone ?? row.patient_phone;
    if (!phone) throw validation([{ field: 'number', message: 'Enter the number you will call.' }]);
    await this.repo.transaction(async (repo, trx) => {
      await repo.update(
        row.encounter_id,
        { modality: 'phone', phone_number: phone },
        caller.userId,
        'switched to phone',
      );
      await this.record(caller, row, 'visit.switch_to_phone', trx);
    });
    return this.changedAndView(caller, row);
  }

  /** The patient presses "I can't connect": the clinician is alerted with the number to call. */
  async cantConnect(caller: AuthenticatedCaller, appointmentId: string): Promise<VisitView> {
    const { row, viewer } = await this.load(caller, appointmentId);
    if (viewer.role !== 'patient') throw forbidden();
    this.assertOpen(row);
    await this.repo.transaction(async (repo, trx) => {
      await repo.update(row.encounter_id, { cant_connect_at: new Date() }, caller.userId);
      await this.record(caller, row, 'visit.cant_connect', trx);
    });
    return this.changedAndView(caller, row);
  }

  async end(caller: AuthenticatedCaller, appointmentId: string, body: EndVisitBody): Promise<VisitView> {
    const row = await this.asHost(caller, appointmentId);
    if (body.outcome === 'no_show') {
      if (row.admitted_at)
        throw new AppError('patient_was_seen', 409, 'The patient joined this visit, so it is not a no-show.');
      if (row.cant_connect_at) {
        throw new AppError(
          'patient_could_not_connect',
          409,
          'The patient said they could not connect, so this is not a no-show. End the visit as a technical problem instead.',
        );
      }
    }
    // The end, the charge job billing enqueues for it and the audit row commit together.
    await this.repo.transaction(async (repo, trx) => {
      if (body.outcome === 'no_show') {
        await repo.update(
          row.encounter_id,
          { status: 'cancelled', outcome: 'no_show', ended_at: new Date() },
          caller.userId,
          'no-show',
        );
        await repo.setAppointmentStatus(row.appointment_id, 'noshow', caller.userId);
      } else {
        const outcome = decideOutcome(body.outcome, row.video_connected_at !== null);
        await repo.update(
          row.encounter_id,
          { status: 'finished', outcome, ended_at: new Date() },
          caller.userId,
          outcome,
        );
        await repo.setAppointmentStatus(row.appointment_id, 'fulfilled', caller.userId);
      }
      await this.ended(row.encounter_id, trx);
      await this.record(caller, row, 'visit.end', trx, { outcome: body.outcome ?? 'completed' });
    });
    return this.changedAndView(caller, row);
  }

  /** Video flowed both ways at least once: the visit counts as held by video. */
  async markVideoConnected(encounterId: string): Promise<void> {
    const row = await this.repo.visitByEncounter(encounterId);
    if (!row || row.video_connected_at || row.status !== 'in-progress') return;
    await this.repo.update(encounterId, { video_connected_at: new Date() }, null);
    await this.changed(row);
  }

  /** Called when scheduling cancels or moves an appointment: anyone waiting is told at once. */
  async appointmentChanged(appointmentId: string): Promise<void> {
    const row = await this.repo.visit(appointmentId);
    if (!row) return;
    if (row.appointment_status === 'cancelled' && !ENDED.has(row.status)) {
      // Scheduling audits the cancellation; the visit's end and its charge job commit together.
      await this.repo.transaction(async (repo, trx) => {
        await repo.update(
          row.encounter_id,
          { status: 'cancelled', outcome: 'cancelled', ended_at: new Date() },
          null,
          'appointment cancelled',
        );
        await this.ended(row.encounter_id, trx);
      });
    }
    await this.changed(row);
  }
}

function numberSetting(settings: Record<string, unknown>, key: string, fallback: number): number {
  const v = settings[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
