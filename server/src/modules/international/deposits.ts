import type {
  ApplyDepositBody,
  CardPaymentBody,
  DepositPayment,
  EpisodeCharge,
  Estimate,
  RefundDepositBody,
} from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { CardPaymentRecorder, ProcessorUnavailable, type CardProcessor, type PaymentStore } from '../billing/index.js';
import type { EstimateRepository } from './estimate-repository.js';

type DepositPaymentRow = NonNullable<Awaited<ReturnType<EstimateRepository['payment']>>>;
import type { EstimateRow, EstimateService } from './estimates.js';
import { dollars } from './money.js';

const DECLINED: Record<string, string> = {
  card_declined: 'Your card was declined. Nothing was charged. Try another card, or call the center.',
  insufficient_funds: 'Your card was declined for insufficient funds. Nothing was charged. Try another card.',
  authentication_failed: 'Your bank did not confirm the payment. Nothing was charged. Try again or use another card.',
};

/**
 * Deposits on an accepted estimate, paid by card through the billing processor. The money is held
 * against that episode, outside the ledger: it never lowers the balance of other visits. Staff
 * reconcile it: applied to a charge of the episode's own visits, or refunded to the card.
 */
export class DepositService {
  constructor(
    private readonly repo: EstimateRepository,
    private readonly estimates: EstimateService,
    processor: CardProcessor | null,
    private readonly audit: AuditService,
  ) {
    this.cards = new CardPaymentRecorder(processor, {
      notSetUp: 'Online card payment is not set up here. Call the center.',
      keyRequired: KEY_REQUIRED,
      invalidNumber: 'This card number is not valid.',
      expired: 'This card has expired.',
      declined: DECLINED,
      unavailable: () =>
        new AppError(
          'payment_processor_unavailable',
          503,
          'The card processor did not answer, so this deposit is not confirmed. Try again in a few minutes; you will not be charged twice.',
        ),
      confirmUnavailable: () => new AppError('payment_processor_unavailable', 503, 'Try again.'),
    });
  }

  private readonly cards: CardPaymentRecorder;

  async pay(caller: AuthenticatedCaller, estimateId: string, body: CardPaymentBody, key: string | null) {
    const estimate = await this.estimates.ownEstimate(caller, estimateId);
    this.cards.requireProcessor();
    const charged = await this.cards.charge({
      body,
      key: requireKey(key),
      store: this.store(caller, estimate),
      audit: (_id, outcome, detail) => this.record(caller, estimate, 'international.deposit_pay', outcome, detail),
      processorKey: (paymentId) => `deposit:${paymentId}`,
    });
    if (charged.kind === 'done') return this.result(charged.row.id, estimate);
    const { paymentId, result } = charged;
    const card = { processorRef: result.ref, cardBrand: result.brand, cardLast4: result.last4 };
    const detail = { amountCents: body.amountCents, status: result.status };
    await this.audited(caller, estimate, 'international.deposit_pay', 'allowed', detail, (repo) =>
      repo.updatePayment(paymentId, {
        status: result.status === 'requires_action' ? 'requires_action' : 'succeeded',
        ...card,
      }),
    );
    return this.result(paymentId, estimate);
  }

  /** The cardholder's bank answered the authentication step. */
  async confirm(caller: AuthenticatedCaller, estimateId: string, paymentId: string, approved: boolean) {
    const estimate = await this.estimates.ownEstimate(caller, estimateId);
    const row = await this.repo.payment(paymentId);
    const deposit = await this.repo.deposit(estimateId);
    if (!row || !deposit || row.deposit_id !== deposit.id) throw notFound('This payment');
    if (row.status !== 'requires_action') return this.result(row.id, estimate);
    await this.cards.confirm({
      row,
      approved,
      store: this.store(caller, estimate),
    });
    await this.audited(caller, estimate, 'international.deposit_pay', 'allowed', { confirmed: 1 }, (repo) =>
      repo.updatePayment(row.id, { status: 'succeeded' }),
    );
    return this.result(row.id, estimate);
  }

  /** The deposit's card payments, as the shared payment recorder sees them. */
  private store(caller: AuthenticatedCaller, estimate: EstimateRow): PaymentStore<DepositPaymentRow> {
    return {
      byKey: (key) => this.repo.paymentByKey(estimate.patient_id, key),
      open: (amountCents, key) => this.open(caller, estimate, amountCents, key),
      fail: (id, set, detail) =>
        this.audited(caller, estimate, 'international.deposit_pay', 'failed', detail, (repo) =>
          repo.updatePayment(id, { ...set, status: 'failed' }),
        ),
    };
  }

  /** Charges of the episode's visits that held money may go to. */
  async charges(caller: AuthenticatedCaller, estimateId: string): Promise<EpisodeCharge[]> {
    await this.estimates.staffEstimate(caller, estimateId);
    const rows = await this.repo.episodeCharges(estimateId);
    return rows.map((r) => ({
      entryId: r.id,
      appointmentId: r.appointment_id,
      startAt: r.start_at.toISOString(),
      amountCents: Number(r.amount_cents),
      owedCents: Number(r.owed_cents),
    }));
  }

  /** Staff apply held money to a charge of this episode only: a credit against that charge. */
  async apply(
    caller: AuthenticatedCaller,
    estimateId: string,
    body: ApplyDepositBody,
    key: string | null,
  ): Promise<Estimate> {
    const estimate = await this.estimates.staffEstimate(caller, estimateId);
    const requestKey = requireKey(key);
    const detail = { amountCents: body.amountCents };
    await this.audited(caller, estimate, 'international.deposit_apply', 'allowed', detail, async (repo) => {
      const deposit = await repo.deposit(estimateId, true);
      if (!deposit) throw notFound('This deposit');
      const prior = await repo.settlementsByKey(deposit.id, requestKey);
      if (prior.length) return sameAmount(prior, body.amountCents);
      const s = await repo.sums(deposit.id);
      const held = s.paid - s.applied - s.refunded;
      if (body.amountCents > held) throw overHeld(held);
      const charge = (await repo.episodeCharges(estimateId)).find((c) => c.id === body.chargeEntryId);
      if (!charge) {
        throw new AppError(
          'deposit_charge_outside_episode',
          422,
          'A deposit can be applied only to a charge for a visit of this episode of care.',
          [{ field: 'chargeEntryId', message: 'Choose a charge of this episode.' }],
        );
      }
      const owed = Number(charge.owed_cents);
      if (body.amountCents > owed) {
        throw new AppError('deposit_exceeds_held', 422, `At most ${dollars(owed)} is owed on this charge.`, [
          { field: 'amountCents', message: `Enter ${dollars(owed)} or less.` },
        ]);
      }
      const ledgerEntryId = await repo.appendCredit({
        organizationId: charge.organization_id,
        patientId: charge.patient_id,
        chargeEntryId: charge.id,
        amountCents: body.amountCents,
        explanation: `Deposit applied: ${dollars(body.amountCents)} from your pre-care deposit (${estimate.title}).`,
        key: `deposit:${deposit.id}:${requestKey}`,
        createdBy: caller.userId,
      });
      await repo.insertSettlement({
        depositId: deposit.id,
        kind: 'applied',
        amountCents: body.amountCents,
        chargeEntryId: charge.id,
        ledgerEntryId,
        key: requestKey,
        createdBy: caller.userId,
      });
    });
    return this.estimates.view(await this.estimates.load(estimateId));
  }

  /** Staff give back held money to the card(s) it came from; only what the processor confirmed is recorded. */
  async refund(
    caller: AuthenticatedCaller,
    estimateId: string,
    body: RefundDepositBody,
    key: string | null,
  ): Promise<Estimate> {
    const estimate = await this.estimates.staffEstimate(caller, estimateId);
    const requestKey = requireKey(key);
    const detail = { amountCents: body.amountCents, reason: body.reason.trim() };
    await this.audited(caller, estimate, 'international.deposit_refund', 'allowed', detail, async (repo) => {
      const deposit = await repo.deposit(estimateId, true);
      if (!deposit) throw notFound('This deposit');
      const prior = await repo.settlementsByKey(deposit.id, requestKey);
      if (prior.length) return sameAmount(prior, body.amountCents);
      const s = await repo.sums(deposit.id);
      const held = s.paid - s.applied - s.refunded;
      if (body.amountCents > held) throw overHeld(held);
      let left = body.amountCents;
      for (const p of await repo.refundable(deposit.id)) {
        const part = Math.min(left, Number(p.left_cents));
        if (part <= 0) continue;
        const processor = this.cards.requireProcessor();
        const result = await processor
          .refund({ paymentRef: p.processor_ref ?? '', amountCents: part, idempotencyKey: `${p.id}:${requestKey}` })
          .catch((err: unknown) => {
            if (err instanceof ProcessorUnavailable) return { status: 'failed' as const, code: 'unavailable' };
            throw err;
          });
        if (result.status !== 'succeeded') {
          throw new AppError('refund_failed', 502, 'The card processor did not confirm the refund. Try again shortly.');
        }
        await repo.insertSettlement({
          depositId: deposit.id,
          kind: 'refunded',
          amountCents: part,
          depositPaymentId: p.id,
          processorRef: result.ref,
          key: requestKey,
          createdBy: caller.userId,
        });
        left -= part;
        if (left === 0) break;
      }
    });
    return this.estimates.view(await this.estimates.load(estimateId));
  }

  /** Opens a pending payment under the deposit lock: never more than requested minus paid and in flight. */
  private async open(caller: AuthenticatedCaller, estimate: EstimateRow, amountCents: number, key: string) {
    const processor = this.cards.requireProcessor();
    const id = await this.repo.transaction(async (repo) => {
      const deposit = await repo.deposit(estimate.id, true);
      if (!deposit) throw new AppError('deposit_not_allowed', 409, 'No deposit has been requested for this estimate.');
      const same = await repo.paymentByKey(estimate.patient_id, key);
      if (same) return same.id;
      await repo.expireStale(deposit.id, new Date(Date.now() - 15 * 60_000));
      const s = await repo.sums(deposit.id);
      const payable = Number(deposit.requested_cents) - s.paid - s.inFlight;
      if (amountCents > payable) {
        throw new AppError(
          'deposit_exceeds_request',
          422,
          payable <= 0
            ? 'This deposit is already paid.'
            : `You can pay up to ${dollars(payable)}, the deposit requested.`,
          [{ field: 'amountCents', message: `Enter ${dollars(Math.max(0, payable))} or less.` }],
          {},
          { payableCents: Math.max(0, payable) },
        );
      }
      return repo.insertPayment({
        depositId: deposit.id,
        patientId: estimate.patient_id,
        amountCents,
        processor: processor.name,
        key,
        createdBy: caller.userId,
      });
    });
    if (id) return id;
    const row = await this.repo.paymentByKey(estimate.patient_id, key);
    if (!row) throw new Error('deposit payment vanished after a key conflict');
    return row.id;
  }

  private async result(paymentId: string, estimate: EstimateRow): Promise<DepositPayment> {
    const p = await this.repo.payment(paymentId);
    if (!p) throw notFound('This payment');
    return {
      id: p.id,
      amountCents: Number(p.amount_cents),
      status: p.status,
      cardBrand: p.card_brand,
      cardLast4: p.card_last4,
      estimate: await this.estimates.view(await this.estimates.load(estimate.id)),
    };
  }

  /**
   * Runs `change` and appends its audit row in one transaction, the audit last: both commit or
   * neither does (decision 0027).
   */
  private audited(
    caller: AuthenticatedCaller,
    estimate: EstimateRow,
    action: string,
    outcome: 'allowed' | 'failed',
    detail: Record<string, string | number>,
    change: (repo: EstimateRepository) => Promise<void>,
  ): Promise<void> {
    return this.repo.transaction(async (repo, trx) => {
      await change(repo);
      await this.record(caller, estimate, action, outcome, detail, trx);
    });
  }

  private async record(
    caller: AuthenticatedCaller,
    estimate: EstimateRow,
    action: string,
    outcome: 'allowed' | 'failed',
    detail: Record<string, string | number>,
    trx?: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(
      caller,
      { action, entityType: 'Invoice', entityId: estimate.id, patientId: estimate.patient_id, outcome, detail },
      trx,
    );
  }
}

const KEY_REQUIRED = 'Send an Idempotency-Key header so a retry cannot post twice.';

function requireKey(key: string | null): string {
  if (key) return key;
  throw new AppError('idempotency_key_required', 400, KEY_REQUIRED);
}

function sameAmount(prior: { amount_cents: string }[], asked: number): void {
  const total = prior.reduce((sum, p) => sum + Number(p.amount_cents), 0);
  if (total !== asked) {
    throw new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was already used for a different amount.');
  }
}

function overHeld(held: number): AppError {
  return new AppError(
    'deposit_exceeds_held',
    422,
    held <= 0 ? 'No deposit money is held right now.' : `Only ${dollars(held)} of the deposit is held.`,
    [{ field: 'amountCents', message: `Enter ${dollars(Math.max(0, held))} or less.` }],
  );
}
