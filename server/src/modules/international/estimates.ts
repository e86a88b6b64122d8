import type { Deposit, Estimate, EstimateAnswerBody, EstimateBody } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { assertStaffScope, patientOf } from './access.js';
import type { EstimateRepository } from './estimate-repository.js';
import { dollars, rateValid, referenceAmount } from './money.js';

export type EstimateRow = NonNullable<Awaited<ReturnType<EstimateRepository['estimate']>>>;

/**
 * Pre-care cost estimates in USD cents. The total is computed here from the lines, never taken
 * from the client; a reference currency is shown "for reference only" at the rate staff entered.
 */
export class EstimateService {
  constructor(
    private readonly repo: EstimateRepository,
    private readonly audit: AuditService,
  ) {}

  async create(caller: AuthenticatedCaller, body: EstimateBody): Promise<Estimate> {
    const patient = await this.repo.patientOrg(body.patientId);
    assertStaffScope(caller, patient?.organization_id, 'This patient');
    if (!patient) throw notFound('This patient');
    const rate = body.exchangeRate?.trim() || null;
    const currency = body.referenceCurrency ?? null;
    if ((rate === null) !== (currency === null)) {
      throw validation([{ field: 'exchangeRate', message: 'Enter both the currency and its rate, or neither.' }]);
    }
    if (rate !== null && !rateValid(rate)) {
      throw new AppError('exchange_rate_invalid', 400, 'Enter the rate as a number such as 5.4321.', [
        { field: 'exchangeRate', message: 'Enter the rate as a number above zero, with at most 6 decimals.' },
      ]);
    }
    const lines = body.lines.map((l) => ({
      description: l.description.trim(),
      quantity: l.quantity,
      unitCents: l.unitCents,
      lineCents: l.quantity * l.unitCents,
    }));
    const totalCents = lines.reduce((sum, l) => sum + l.lineCents, 0);
    if (totalCents <= 0 || !Number.isSafeInteger(totalCents)) {
      throw validation([{ field: 'lines', message: 'The estimate must come to more than $0.00.' }]);
    }
    const wanted = [...new Set(body.appointmentIds ?? [])];
    const appointmentIds = await this.repo.appointmentsOf(body.patientId, wanted);
    if (appointmentIds.length !== wanted.length) {
      throw validation([{ field: 'appointmentIds', message: "Choose only this patient's appointments." }]);
    }
    // The estimate and its audit row commit together (decision 0027).
    const id = await this.repo.transaction(async (repo, trx) => {
      const newId = await repo.insertEstimate({
        organizationId: patient.organization_id,
        patientId: body.patientId,
        title: body.title.trim(),
        totalCents,
        currency,
        rate,
        preparedBy: caller.userId,
        lines,
        appointmentIds,
      });
      await this.record(caller, 'international.estimate_create', newId, body.patientId, { totalCents }, trx);
      return newId;
    });
    return this.view(await this.load(id));
  }

  async forPatient(caller: AuthenticatedCaller, patientId: string | null): Promise<Estimate[]> {
    let id = patientId;
    if (id === null) id = patientOf(caller, 'billing');
    else assertStaffScope(caller, (await this.repo.patientOrg(id))?.organization_id, 'This patient');
    const rows = await this.repo.estimates(id);
    await this.record(caller, 'international.estimate_list', null, id, { count: rows.length });
    return Promise.all(rows.map((r) => this.view(r)));
  }

  /** The patient accepts the estimate, or asks a question about it (answered through a request). */
  async answer(caller: AuthenticatedCaller, estimateId: string, body: EstimateAnswerBody): Promise<Estimate> {
    const row = await this.ownEstimate(caller, estimateId);
    if (row.status === 'accepted' || row.status === 'withdrawn') {
      throw new AppError('estimate_not_open', 409, 'This estimate was already accepted or withdrawn.');
    }
    const question = body.question?.trim() ?? '';
    if (body.answer === 'question' && !question) {
      throw validation([{ field: 'question', message: 'Write your question about the estimate.' }]);
    }
    await this.repo.transaction(async (repo, trx) => {
      await repo.answer(estimateId, body.answer === 'accept' ? 'accepted' : 'question', question || null);
      await this.record(caller, `international.estimate_${body.answer}`, estimateId, row.patient_id, {}, trx);
    });
    return this.view(await this.load(estimateId));
  }

  /** Staff ask for a deposit on an accepted estimate: at most its total, once. */
  async requestDeposit(caller: AuthenticatedCaller, estimateId: string, amountCents: number): Promise<Estimate> {
    const row = await this.staffEstimate(caller, estimateId);
    if (row.status !== 'accepted') {
      throw new AppError('deposit_not_allowed', 409, 'A deposit can be requested only once the patient accepted.');
    }
    const total = Number(row.total_cents);
    if (amountCents > total) {
      throw new AppError(
        'deposit_exceeds_request',
        422,
        `The deposit can be at most the estimate total, ${dollars(total)}.`,
        [{ field: 'amountCents', message: `Enter ${dollars(total)} or less.` }],
      );
    }
    await this.repo.transaction(async (repo, trx) => {
      const made = await repo.insertDeposit({
        estimateId,
        organizationId: row.organization_id,
        patientId: row.patient_id,
        requestedCents: amountCents,
        requestedBy: caller.userId,
      });
      if (!made) throw new AppError('deposit_not_allowed', 409, 'A deposit was already requested for this estimate.');
      await this.record(caller, 'international.deposit_request', estimateId, row.patient_id, { amountCents }, trx);
    });
    return this.view(await this.load(estimateId));
  }

  async ownEstimate(caller: AuthenticatedCaller, estimateId: string): Promise<EstimateRow> {
    const patientId = patientOf(caller, 'billing');
    const row = await this.repo.estimate(estimateId);
    if (!row || row.patient_id !== patientId) throw notFound('This estimate');
    return row;
  }

  async staffEstimate(caller: AuthenticatedCaller, estimateId: string): Promise<EstimateRow> {
    const row = await this.repo.estimate(estimateId);
    assertStaffScope(caller, row?.organization_id, 'This estimate');
    if (!row) throw notFound('This estimate');
    return row;
  }

  async load(id: string): Promise<EstimateRow> {
    const row = await this.repo.estimate(id);
    if (!row) throw notFound('This estimate');
    return row;
  }

  async view(row: EstimateRow): Promise<Estimate> {
    const [lines, appointmentIds, deposit] = await Promise.all([
      this.repo.lines(row.id),
      this.repo.visits(row.id),
      this.depositView(row.id),
    ]);
    const total = Number(row.total_cents);
    return {
      id: row.id,
      patientId: row.patient_id,
      title: row.title,
      status: row.status,
      lines: lines.map((l) => ({
        description: l.description,
        quantity: l.quantity,
        unitCents: Number(l.unit_cents),
        lineCents: Number(l.line_cents),
      })),
      totalCents: total,
      referenceCurrency: row.reference_currency,
      exchangeRate: row.exchange_rate,
      referenceAmount: row.exchange_rate ? referenceAmount(total, row.exchange_rate) : null,
      patientQuestion: row.patient_question,
      acceptedAt: row.accepted_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      appointmentIds,
      deposit,
    };
  }

  private async depositView(estimateId: string): Promise<Deposit | null> {
    const d = await this.repo.deposit(estimateId);
    if (!d) return null;
    const s = await this.repo.sums(d.id);
    const requested = Number(d.requested_cents);
    return {
      id: d.id,
      requestedCents: requested,
      paidCents: s.paid,
      appliedCents: s.applied,
      refundedCents: s.refunded,
      heldCents: s.paid - s.applied - s.refunded,
      payableCents: Math.max(0, requested - s.paid - s.inFlight),
    };
  }

  private async record(
    caller: AuthenticatedCaller,
    action: string,
    entityId: string | null,
    patientId: string,
    detail: Record<string, string | number> = {},
    /** The change's transaction, so the row commits with it (decision 0027); none for a read. */
    trx?: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(
      caller,
      { action, entityType: 'Invoice', entityId, patientId, outcome: 'allowed', detail },
      trx,
    );
  }
}
