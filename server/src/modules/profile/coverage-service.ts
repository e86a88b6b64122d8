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
import type { AuditService } from '../audit/index.js';
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

  private async record(caller: AuthenticatedCaller, action: string, row: { id: string; patient_id: string }) {
    await this.audit.record(caller, {
      action,
      entityType: 'Coverage',
      entityId: row.id,
      patientId: row.patient_id,
      outcome: 'allowed',
    });
  }

  private async activePlan(planId: string): Promise<PlanRow> {
    const plan = await this.repo.plan(planId);
    if (!plan?.active) throw invalid([planProblem]);
    return plan;
  }

  private async dto(rows: CoverageRow[]): Promise<Coverage[]> {
    const cards = await this.repo.cards(rows.map((r) => r.id));
    const plans = new Map<string, PlanRow>();
    for (const r of rows) {
      if (!plans.has(r.plan_id)) {
        const plan = await this.repo.plan(r.plan_id);
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
    const plan = await this.repo.plan(body.planId);
    const problems = [...('problems' in read ? read.problems : []), ...(plan?.active ? [] : [planProblem])];
    if (problems.length > 0 || 'problems' in read || !plan) throw invalid(problems);
    const values = read.values;
    let id: string;
    try {
      id = await this.repo.transaction(async (repo) => {
        const held = await repo.lockActive(target);
        if (held.some((c) => c.priority === body.priority)) throw priorityTaken(body.priority);
        return repo.insert(target, {
          plan_id: plan.id,
          priority: body.priority,
          member_id: values.member_id ?? '',
          group_number: values.group_number ?? null,
          subscriber_name: values.subscriber_name ?? null,
          relationship: values.relationship ?? 'self',
          pcp_referral_on_file: values.pcp_referral_on_file ?? false,
        });
      });
    } catch (err) {
      // Two adds at once: the unique index on active priorities lets one through.
      if (isUniqueViolation(err)) throw priorityTaken(body.priority);
      throw err;
    }
    await this.record(caller, 'coverage.create', { id, patient_id: target });
    return this.one(id);
  }

  async change(caller: AuthenticatedCaller, id: string, body: CoverageUpdateBody): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.update');
    if (row.status !== 'active') throw removed();
    const read = readCoverageFields(body, row, !isPatientSide(caller));
    if ('problems' in read) throw invalid(read.problems);
    const planId = body.planId !== undefined ? (await this.activePlan(body.planId)).id : undefined;
    await this.repo.update(row.id, { ...read.values, ...(planId ? { plan_id: planId } : {}) }, this.clock());
    await this.record(caller, 'coverage.update', row);
    return this.one(row.id);
  }

  /** Cancels a coverage (never deletes it); a remaining secondary becomes the primary. */
  async remove(caller: AuthenticatedCaller, id: string): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.cancel');
    if (row.status !== 'active') throw removed();
    const now = this.clock();
    await this.repo.transaction(async (repo) => {
      const held = await repo.lockActive(row.patient_id);
      await repo.cancel(row.id, now);
      const secondary = held.find((c) => c.priority === 2 && c.id !== row.id);
      if (row.priority === 1 && secondary) await repo.update(secondary.id, { priority: 1 }, now);
    });
    await this.record(caller, 'coverage.cancel', row);
    return this.one(row.id);
  }

  /** Primary becomes secondary and secondary primary, in one transaction. */
  async swap(caller: AuthenticatedCaller, patientId?: string): Promise<CoverageList> {
    assertMayChange(caller);
    const target = await this.patient(caller, 'coverage.swap', patientId);
    await this.repo.transaction(async (repo) => {
      const held = await repo.lockActive(target);
      const primary = held.find((c) => c.priority === 1);
      const secondary = held.find((c) => c.priority === 2);
      if (!primary || !secondary) {
        throw new AppError('conflict', 409, 'There is only one insurance on file, so there is nothing to swap.');
      }
      await repo.swap(primary.id, secondary.id, this.clock());
    });
    await this.audit.record(caller, {
      action: 'coverage.swap',
      entityType: 'Coverage',
      patientId: target,
      outcome: 'allowed',
    });
    return { coverages: await this.dto(await this.repo.active(target)), maxCardBytes: MAX_CARD_BYTES };
  }

  async uploadCard(caller: AuthenticatedCaller, id: string, side: CardSide, data: Buffer): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.card.upload');
    if (row.status !== 'active') throw removed();
    const type = checkCardImage(data);
    await this.repo.putCard(row.id, side, type, data);
    await this.record(caller, 'coverage.card.upload', row);
    return this.one(row.id);
  }

  async card(caller: AuthenticatedCaller, id: string, side: CardSide): Promise<{ contentType: string; data: Buffer }> {
    const row = await this.coverage(caller, id, 'coverage.card.read');
    const card = await this.repo.card(row.id, side);
    if (!card) throw notFound('This photo');
    await this.record(caller, 'coverage.card.read', row);
    return { contentType: card.content_type, data: card.data };
  }

  async deleteCard(caller: AuthenticatedCaller, id: string, side: CardSide): Promise<Coverage> {
    assertMayChange(caller);
    const row = await this.coverage(caller, id, 'coverage.card.delete');
    if (!(await this.repo.deleteCard(row.id, side))) throw notFound('This photo');
    await this.record(caller, 'coverage.card.delete', row);
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
