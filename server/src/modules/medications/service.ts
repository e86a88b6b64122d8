import type { Medication, MedicationList, NewRefillBody, RefillRequest } from '@portico/contracts';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { isKeyConflict, type Answer, type Idempotency, type RetrySafeCreate } from '../../lib/idempotency.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import type { AuditService } from '../audit/index.js';
import { refillRouting, toMedication, toRefill } from './dto.js';
import { refillMessage, refillPolicy, todayIn, type RefillPolicy } from './eligibility.js';
import type { PharmacyRepository } from './pharmacy-repository.js';
import { alreadyDecided, invalid, pharmacyNotAvailable, refillRefused } from './problems.js';
import type { MedicationsRepository, PatientFacts } from './repository.js';

const YEAR_MS = 365 * 86_400_000;

/**
 * The patient's side of medications: their list with what can be refilled online, and refill
 * requests. Patients and proxies whose access includes medications; someone else's prescription
 * is a 404 like a missing one. Every read and change is audited.
 */
export class MedicationsService {
  constructor(
    private readonly repo: MedicationsRepository,
    private readonly pharmacies: PharmacyRepository,
    private readonly audit: AuditService,
    private readonly idempotency: Idempotency,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private async openRecord(caller: AuthenticatedCaller): Promise<{ patientId: string; facts: PatientFacts }> {
    if (caller.role !== 'patient' && caller.role !== 'proxy') throw forbidden();
    const patientId = patientForArea(caller, 'medications');
    const facts = await this.repo.patient(patientId);
    if (!facts) throw notFound('This record');
    return { patientId, facts };
  }

  private policy(facts: PatientFacts): { policy: RefillPolicy; today: string } {
    return {
      policy: refillPolicy(facts.settings, facts.tech_help_phone),
      today: todayIn(facts.time_zone, this.clock()),
    };
  }

  /** The medication list, whether each can be refilled online, and the last year's requests. */
  async list(caller: AuthenticatedCaller): Promise<MedicationList> {
    const { patientId, facts } = await this.openRecord(caller);
    const { policy, today } = this.policy(facts);
    const rows = await this.repo.forPatient(patientId);
    const requests = await this.repo.refillsForPatient(patientId, new Date(this.clock().getTime() - YEAR_MS));
    await this.audit.record(caller, {
      action: 'medication.list',
      entityType: 'MedicationRequest',
      patientId,
      outcome: 'allowed',
      detail: { medications: rows.length, refillRequests: requests.length },
    });
    return {
      medications: rows.map((m) => toMedication(m, policy, today)),
      requests: requests.map(toRefill),
      officePhone: policy.officePhone,
      minDaysBeforeRunOut: policy.minDaysBeforeRunOut,
    };
  }

  async read(caller: AuthenticatedCaller, id: string): Promise<Medication> {
    const { patientId, facts } = await this.openRecord(caller);
    const row = await this.repo.medication(id, patientId);
    await this.audit.record(caller, {
      action: 'medication.read',
      entityType: 'MedicationRequest',
      entityId: id,
      patientId: row ? patientId : null,
      outcome: row ? 'allowed' : 'denied',
    });
    if (!row) throw notFound('This medication');
    const { policy, today } = this.policy(facts);
    return toMedication(row, policy, today);
  }

  /**
   * A refill request to one of the patient's own saved pharmacies. Refused, with nothing stored,
   * for someone else's prescription (404), for the cases the list already explains (409/422 with
   * the same code), and for a pharmacy that is not the patient's or was removed (422).
   */
  async requestRefill(
    caller: AuthenticatedCaller,
    medicationId: string,
    body: NewRefillBody,
    key: string | null = null,
  ): Promise<Answer<RefillRequest>> {
    // Before the checks: once the first try went through, the open request would refuse its retry.
    const once = this.idempotency.request(caller, 'refill.request', key, { medicationId, body });
    return once.run(() => this.createRefill(caller, medicationId, body, once));
  }

  private async createRefill(
    caller: AuthenticatedCaller,
    medicationId: string,
    body: NewRefillBody,
    once: RetrySafeCreate,
  ): Promise<RefillRequest> {
    const { patientId, facts } = await this.openRecord(caller);
    const row = await this.repo.medication(medicationId, patientId);
    const refuse = async (reason: string, outcome: 'denied' | 'failed') =>
      this.audit.record(caller, {
        action: 'refill.request',
        entityType: 'MedicationRequest',
        entityId: medicationId,
        patientId: row ? patientId : null,
        outcome,
        detail: { reason },
      });
    if (!row) {
      await refuse('not_found', 'denied');
      throw notFound('This medication');
    }
    const { policy, today } = this.policy(facts);
    const { refill } = toMedication(row, policy, today);
    if (refill.reason) {
      await refuse(refill.reason, 'failed');
      throw refillRefused(refill.reason, refillMessage(refill.reason, policy), refill.phone);
    }
    const note = body.note?.trim() ?? '';
    if (note.length > 1000) throw invalid([{ field: 'note', message: 'Keep the note to 1000 characters or fewer.' }]);
    const pharmacy = await this.pharmacies.find(body.pharmacyId, patientId);
    if (!pharmacy) {
      await refuse('pharmacy_not_available', 'failed');
      throw pharmacyNotAvailable();
    }
    const routing = refillRouting(row);
    let created: RefillRequest;
    try {
      created = await this.repo.transaction((repo, trx) =>
        once.within(trx, async () => {
          const newId = await repo.insertRefill({
            medication_request_id: row.id,
            patient_id: patientId,
            pharmacy_id: pharmacy.id,
            note: note === '' ? null : note,
            requested_by: caller.userId,
            // Decided now, as the patient was told: later changes to the care team do not move it.
            answer_clinician_id: routing.answer_clinician_id,
            answer_pool_id: routing.answer_pool_id,
          });
          // The request and its audit row commit together (decision 0027).
          await this.audit.record(
            caller,
            {
              action: 'refill.request',
              entityType: 'RefillRequest',
              entityId: newId,
              patientId,
              outcome: 'allowed',
              detail: { hasNote: note !== '', answeredBy: routing.answerer.kind },
            },
            trx,
          );
          return this.refillOf(patientId, newId, repo);
        }),
      );
    } catch (err) {
      // Another tab or another proxy asked a moment ago: the partial unique index said no.
      if (!isUniqueViolation(err) || isKeyConflict(err)) throw err;
      await refuse('refill_already_requested', 'failed');
      throw refillRefused('refill_already_requested', refillMessage('refill_already_requested', policy));
    }
    return created;
  }

  /** The patient (or their proxy) withdraws a request nobody has answered yet. */
  async cancelRefill(caller: AuthenticatedCaller, id: string): Promise<RefillRequest> {
    const { patientId } = await this.openRecord(caller);
    const row = await this.repo.refill(id, patientId);
    if (!row) {
      await this.audit.record(caller, {
        action: 'refill.cancel',
        entityType: 'RefillRequest',
        entityId: id,
        outcome: 'denied',
      });
      throw notFound('This refill request');
    }
    await this.repo.transaction(async (repo, trx) => {
      const done = await repo.decide(row.id, {
        status: 'cancelled',
        decided_by: caller.userId,
        decided_at: this.clock(),
        approved_quantity: null,
        decision_reason: null,
      });
      if (!done) throw alreadyDecided();
      await this.audit.record(
        caller,
        { action: 'refill.cancel', entityType: 'RefillRequest', entityId: row.id, patientId, outcome: 'allowed' },
        trx,
      );
    });
    return this.refillOf(patientId, row.id);
  }

  private async refillOf(patientId: string, id: string, repo = this.repo): Promise<RefillRequest> {
    const row = await repo.refill(id, patientId);
    if (!row) throw notFound('This refill request');
    return toRefill(row);
  }
}
