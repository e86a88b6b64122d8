import type {
  CardSide,
  Coverage,
  CoverageList,
  CoverageUpdateBody,
  FieldError,
  NewCoverageBody,
} from '@portico/contracts';
import { isWorkforce, patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import type { FileRemovals, FileStore } from '../files/index.js';
import { assertMayChange, isPatientSide, profileTarget } from './access.js';
import type { CardMeta, CoverageRepository, CoverageRow, PlanRow } from './coverage-repository.js';
import { checkCardImage, MAX_CARD_BYTES, readCoverageFields } from './coverage-rules.js';
import { invalid } from './errors.js';
import { toPlan } from './plans.js';

const priorityTaken = (priority: 1 | 2): AppError => {
  const message =
    priority === 1
      ? 'There is already a primary insurance. Add this one as secondary, or remove the primary first.'
      : 'There is already a secondary insurance. Remove it first, or swap primary and secondary.';
  return new AppError('coverage_priority_taken', 422, message, [{ field: 'priority', message }]);
};
const removed = (): AppError =>
  new AppError('conflict', 409, 'This insurance was removed. Add it again if it is still yours.');
const planProblem: FieldError = { field: 'planId', message: 'Choose a plan from the list.' };

/**
 * Insurance coverages (FHIR Coverage) and their card photos. The patient side manages the open
 * record's coverages when their access includes the profile area; staff of the patient's
 * organization manage them too, clinicians read. Someone else's coverage is a 404. A removed
 * coverage stays, cancelled, because bills may point at it.
 */
export class CoverageService {
  constructor(
    private readonly repo: CoverageRepository,
    private readonly audit: AuditService,
    private readonly files: Pick<FileStore, 'put' | 'get' | 'remove'>,
    private readonly removals: Pick<FileRemovals, 'later'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The patient a list-level request is about, or a 404 (audited) outside the caller's reach. */
  private async patient(caller: AuthenticatedCaller, action: string, patientId?: string): Promise<string> {
    const target = profileTarget(caller, patientId);
    if (!target.reachable || !(await this.repo.patientExists(target.patientId, target.organizationId))) {
      await this.audit.record(caller, { action, entityType: 'Patient', entityId: target.patientId, outcome: 'denied' });
      throw notFound('This patient record');
    }
    return target.patientId;
  }

  /** One coverage the caller may reach, or a 404 (audited) like a missing one. */
  private async coverage(caller: AuthenticatedCaller, id: string, action: string): Promise<CoverageRow> {
    const row = await this.repo.coverage(id);
    const reachable =
      row !== undefined &&
      (isPatientSide(caller)
        ? row.patient_id === patientForArea(caller, 'profile')
        : isWorkforce(caller) && row.organization_id === caller.organizationId);
    if (!row || !reachable) {
      await this.audit.record(caller, { action, entityType: 'Coverage', entityId: id, outcome: 'denied' });
      throw notFound('This insurance');
    }
    return row;
  }

  /** The audit row of a change, in the change's own transaction (decision 0027). */
  private async record(
    caller: AuthenticatedCaller,
    action: string,
    row: { id: string; patient_id: string },
    trx?: Kysely<Database>,
  ) {
    await this.audit.record(
      caller,
      { action, entityType: 'Coverage', entityId: row.id, patientId: row.patient_id, outcome: 'allowed' },
      trx,
    );
  }

  private async activePlan(planId: string, organizationId: string): Promise<PlanRow> {
    const plan = await this.repo.plan(planId, organizationId);
    if (!plan?.active) throw invalid([planProblem]);
    return plan;
  }

  private async dto(rows: CoverageRow[]): Promise<Coverage[]> {
    const cards = await this.repo.cards(rows.map((r) => r.id));
    const plans = new Map<string, PlanRow>();
    for (const r of rows) {
      if (!plans.has(r.plan_id)) {
        const plan = await this.repo.planOfCoverage(r.plan_id);
        if (plan) plans.set(r.plan_id, plan);
      }
    }
    return rows.flatMap((r) => {
      const plan = plans.get(r.plan_id);
      return plan ? [toCoverage(r, plan, cards)] : [];
    });
  }

  private async one(id: string): Promise<Coverage> {
    const row = await this.repo.coverage(id);
    const [dto] = row ? await this.dto([row]) : [];
    if (!dto) throw notFound('This insurance');
    return dto;
  }

  async list(caller: AuthenticatedCaller, patientId?: string): Promise<CoverageList> {
    const target = await this.patient(caller, 'coverage.list', patientId);
    const rows = await this.repo.active(target);
    await this.audit.record(caller, {
      action: 'coverage.list',
      entityType: 'Coverage',
      patientId: target,
      outcome: 'allowed',
      detail: { coverages: rows.length },
    });
    return { coverages: await this.dto(rows), maxCardBytes: MAX_CARD_BYTES };
  }

  async add(caller: AuthenticatedCaller, body: NewCoverageBody, patientId?: string): Promise<Coverage> {
    assertMayChange(caller);
    const target = await this.patient(caller, 'coverage.create', patientId);
    const read = readCoverageFields(body, null, !isPatientSide(caller));
    const organizationId = await this.repo.patientOrganization(target);
    const plan = organizationId ? await this.repo.plan(body.planId, organizationId) : undefined;
    const problems = [...('problems' in read ? read.problems : []), ...(plan?.active ? [] : [planProblem])];
    if (problems.length > 0 || 'problems' in read || !plan) throw invalid(problems);
    const values = read.values;
    let id: string;
    try {
      id = await this.repo.transaction(async (repo, trx) => {
        const held = await repo.lockActive(target);
        if (held.some((c) => c.priority === body.priority)) throw priorityTaken(body.priority);
        const added = await repo.insert(target, {
          plan_id: plan.id,
          priority: body.priority,
          member_id: values.member_id ?? '',
          group_number: values.group_number ?? null,
          subscriber_name: values.subscriber_name ?? null,
          relationship: values.relationship ?? 'self',
          pcp_referral_on_file: values.pcp_referral_on_file ?? false,
        });
        await this.record(caller, 'coverage.create', { id: added, patient_id: target }, trx);
        return added;
      });
    } catch (err) {
      // Two adds at once: the unique index on active priorities lets one through.
      if (isUniqueViolation(err)) throw priorityTaken(body.priority);
      throw err;
    }
    return this.one(id);
  }

  async change(caller: AuthenticatedCaller, id: string, body: CoverageUpdateBody): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.update');
    if (row.status !== 'active') throw removed();
    const read = readCoverageFields(body, row, !isPatientSide(caller));
    if ('problems' in read) throw invalid(read.problems);
    const planId = body.planId !== undefined ? (await this.activePlan(body.planId, row.organization_id)).id : undefined;
    await this.repo.transaction(async (repo, trx) => {
      await repo.update(row.id, { ...read.values, ...(planId ? { plan_id: planId } : {}) }, this.clock());
      await this.record(caller, 'coverage.update', row, trx);
    });
    return this.one(row.id);
  }

  /** Cancels a coverage (never deletes it); a remaining secondary becomes the primary. */
  async remove(caller: AuthenticatedCaller, id: string): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.cancel');
    if (row.status !== 'active') throw removed();
    const now = this.clock();
    await this.repo.transaction(async (repo, trx) => {
      const held = await repo.lockActive(row.patient_id);
      await repo.cancel(row.id, now);
      const secondary = held.find((c) => c.priority === 2 && c.id !== row.id);
      if (row.priority === 1 && secondary) await repo.update(secondary.id, { priority: 1 }, now);
      await this.record(caller, 'coverage.cancel', row, trx);
    });
    return this.one(row.id);
  }

  /** Primary becomes secondary and secondary primary, in one transaction. */
  async swap(caller: AuthenticatedCaller, patientId?: string): Promise<CoverageList> {
    assertMayChange(caller);
    const target = await this.patient(caller, 'coverage.swap', patientId);
    await this.repo.transaction(async (repo, trx) => {
      const held = await repo.lockActive(target);
      const primary = held.find((c) => c.priority === 1);
      const secondary = held.find((c) => c.priority === 2);
      if (!primary || !secondary) {
        throw new AppError('conflict', 409, 'There is only one insurance on file, so there is nothing to swap.');
      }
      await repo.swap(primary.id, secondary.id, this.clock());
      await this.audit.record(
        caller,
        { action: 'coverage.swap', entityType: 'Coverage', patientId: target, outcome: 'allowed' },
        trx,
      );
    });
    return { coverages: await this.dto(await this.repo.active(target)), maxCardBytes: MAX_CARD_BYTES };
  }

  async uploadCard(caller: AuthenticatedCaller, id: string, side: CardSide, data: Buffer): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.card.upload');
    if (row.status !== 'active') throw removed();
    const type = checkCardImage(data);
    // Sealed in the file store first; if the row's transaction fails, the sealed file goes too.
    const fileId = randomUUID();
    const wrappedKey = await this.files.put(fileId, data);
    try {
      await this.repo.transaction(async (repo, trx) => {
        const replaced = await repo.putCard(row.id, side, { id: fileId, type, byteSize: data.length, wrappedKey });
        // The replaced photo's file outlives its row by the grace period (backups, point-in-time recovery).
        await this.removals.later([replaced], trx);
        await this.record(caller, 'coverage.card.upload', row, trx);
      });
    } catch (err) {
      await this.files.remove(fileId).catch(() => undefined);
      throw err;
    }
    return this.one(row.id);
  }

  async card(caller: AuthenticatedCaller, id: string, side: CardSide): Promise<{ contentType: string; data: Buffer }> {
    const row = await this.coverage(caller, id, 'coverage.card.read');
    const card = await this.repo.card(row.id, side);
    if (!card) throw notFound('This photo');
    // Photos stored before encryption at rest (0030) stay plain in the row until `npm run files:encrypt`.
    const data = card.wrapped_key
      ? await this.files.get(card.id, card.wrapped_key, card.byte_size)
      : (card.data ?? Buffer.alloc(0));
    await this.record(caller, 'coverage.card.read', row);
    return { contentType: card.content_type, data };
  }

  async deleteCard(caller: AuthenticatedCaller, id: string, side: CardSide): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.card.delete');
    await this.repo.transaction(async (repo, trx) => {
      const stored = await repo.deleteCard(row.id, side);
      if (stored === undefined) throw notFound('This photo');
      await this.removals.later([stored], trx);
      await this.record(caller, 'coverage.card.delete', row, trx);
    });
    return this.one(row.id);
  }
}

function toCoverage(r: CoverageRow, plan: PlanRow, cards: CardMeta[]): Coverage {
  const card = (side: CardSide) => {
    const c = cards.find((x) => x.coverage_id === r.id && x.side === side);
    if (!c) return null;
    return {
      contentType: c.content_type,
      byteSize: c.byte_size,
      uploadedAt: c.created_at.toISOString(),
      // The version in the address lets browsers cache a photo until it is replaced.
      url: `/api/coverages/${r.id}/cards/${side}?v=${c.created_at.getTime()}`,
    };
  };
  return {
    id: r.id,
    patientId: r.patient_id,
    plan: toPlan(plan),
    priority: r.priority,
    memberId: r.member_id,
    groupNumber: r.group_number,
    subscriberName: r.subscriber_name,
    relationship: r.relationship,
    pcpReferralOnFile: r.pcp_referral_on_file,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    cards: { front: card('front'), back: card('back') },
  };
}
