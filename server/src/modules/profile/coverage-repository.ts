import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type {
  CardImageType,
  CardSideValue,
  CoverageRelationshipValue,
  PlanCategoryValue,
  VirtualVisitCostValue,
} from '../../db/tables/profile.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Seals and opens identifier columns (field-level encryption, modules/files). */
export interface FieldCodec {
  seal(column: string, plain: string): string;
  open(column: string, stored: string): string;
}

/** The coverage columns sealed at rest; the names are bound into the ciphertext. */
const MEMBER_ID = 'coverages.member_id';
const GROUP_NUMBER = 'coverages.group_number';

export interface PlanRow {
  id: string;
  payer_name: string;
  plan_name: string;
  payer_category: PlanCategoryValue;
  virtual_visit_cost: VirtualVisitCostValue;
  virtual_visit_copay_cents: number | null;
  requires_pcp_referral: boolean;
  active: boolean;
}

export interface CoverageRow {
  id: string;
  patient_id: string;
  organization_id: string;
  plan_id: string;
  priority: 1 | 2;
  member_id: string;
  group_number: string | null;
  subscriber_name: string | null;
  relationship: CoverageRelationshipValue;
  pcp_referral_on_file: boolean;
  status: 'active' | 'cancelled';
  created_at: Date;
  updated_at: Date;
}

export interface CardMeta {
  coverage_id: string;
  side: CardSideValue;
  content_type: CardImageType;
  byte_size: number;
  created_at: Date;
}

export interface CoverageValues {
  plan_id: string;
  priority: 1 | 2;
  member_id: string;
  group_number: string | null;
  subscriber_name: string | null;
  relationship: CoverageRelationshipValue;
  pcp_referral_on_file: boolean;
}

const PLAN_COLUMNS = [
  'id',
  'payer_name',
  'plan_name',
  'payer_category',
  'virtual_visit_cost',
  'virtual_visit_copay_cents',
  'requires_pcp_referral',
  'active',
] as const;

/** The plan catalog, coverages and card photos. SQL only; access is decided by the service. */
export class CoverageRepository {
  constructor(
    private readonly db: Db,
    private readonly fields: FieldCodec,
  ) {}

  transaction<T>(fn: (repo: CoverageRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new CoverageRepository(trx, this.fields), trx));
  }

  /** Member id and group number as stored: sealed (old plain values are opened as they are). */
  private sealed<T extends Partial<CoverageValues>>(v: T): T {
    return {
      ...v,
      ...(v.member_id !== undefined ? { member_id: this.fields.seal(MEMBER_ID, v.member_id) } : {}),
      ...(v.group_number ? { group_number: this.fields.seal(GROUP_NUMBER, v.group_number) } : {}),
    };
  }

  private opened(r: CoverageRow): CoverageRow {
    return {
      ...r,
      member_id: this.fields.open(MEMBER_ID, r.member_id),
      group_number: r.group_number === null ? null : this.fields.open(GROUP_NUMBER, r.group_number),
    };
  }

  plans(f: { organizationId: string; words: string[]; payer?: string; includeInactive: boolean }): Promise<PlanRow[]> {
    let q = this.db.selectFrom('insurance_plans').select(PLAN_COLUMNS).where('organization_id', '=', f.organizationId);
    if (!f.includeInactive) q = q.where('active', '=', true);
    if (f.payer) q = q.where('payer_name', '=', f.payer);
    for (const word of f.words) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('payer_name', 'ilike', like), eb('plan_name', 'ilike', like)]));
    }
    return q.orderBy('payer_name').orderBy('plan_name').limit(500).execute();
  }

  /** One plan of the organization's catalog (undefined for another organization's plan). */
  plan(id: string, organizationId: string): Promise<PlanRow | undefined> {
    return this.db
      .selectFrom('insurance_plans')
      .select(PLAN_COLUMNS)
      .where('id', '=', id)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
  }

  /** A plan a coverage already points at, whatever its catalog. */
  planOfCoverage(id: string): Promise<PlanRow | undefined> {
    return this.db.selectFrom('insurance_plans').select(PLAN_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** The organization a patient record belongs to. */
  async patientOrganization(patientId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('patients')
      .select('organization_id')
      .where('id', '=', patientId)
      .executeTakeFirst();
    return row?.organization_id;
  }

  insertPlan(values: Omit<PlanRow, 'id' | 'active'> & { organization_id: string }): Promise<PlanRow> {
    return this.db.insertInto('insurance_plans').values(values).returning(PLAN_COLUMNS).executeTakeFirstOrThrow();
  }

  updatePlan(id: string, organizationId: string, values: Partial<Omit<PlanRow, 'id'>>): Promise<PlanRow | undefined> {
    return this.db
      .updateTable('insurance_plans')
      .set(values)
      .where('id', '=', id)
      .where('organization_id', '=', organizationId)
      .returning(PLAN_COLUMNS)
      .executeTakeFirst();
  }

  /** Whether the patient exists (inside `organizationId` when given). */
  async patientExists(patientId: string, organizationId?: string): Promise<boolean> {
    let q = this.db.selectFrom('patients').select('id').where('id', '=', patientId);
    if (organizationId) q = q.where('organization_id', '=', organizationId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  private coverages() {
    return this.db
      .selectFrom('coverages as cv')
      .innerJoin('patients as p', 'p.id', 'cv.patient_id')
      .select([
        'cv.id',
        'cv.patient_id',
        'p.organization_id',
        'cv.plan_id',
        'cv.priority',
        'cv.member_id',
        'cv.group_number',
        'cv.subscriber_name',
        'cv.relationship',
        'cv.pcp_referral_on_file',
        'cv.status',
        'cv.created_at',
        'cv.updated_at',
      ]);
  }

  async coverage(id: string): Promise<CoverageRow | undefined> {
    const row = await this.coverages().where('cv.id', '=', id).executeTakeFirst();
    return row && this.opened(row);
  }

  async active(patientId: string): Promise<CoverageRow[]> {
    const rows = await this.coverages()
      .where('cv.patient_id', '=', patientId)
      .where('cv.status', '=', 'active')
      .orderBy('cv.priority')
      .execute();
    return rows.map((r) => this.opened(r));
  }

  /** Locks the patient's active coverages until the transaction ends, so changes happen one at a time. */
  async lockActive(patientId: string): Promise<{ id: string; priority: 1 | 2 }[]> {
    return this.db
      .selectFrom('coverages')
      .select(['id', 'priority'])
      .where('patient_id', '=', patientId)
      .where('status', '=', 'active')
      .forUpdate()
      .execute();
  }

  async insert(patientId: string, v: CoverageValues): Promise<string> {
    const row = await this.db
      .insertInto('coverages')
      .values({ patient_id: patientId, ...this.sealed(v) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: string, v: Partial<CoverageValues>, now: Date): Promise<void> {
    await this.db
      .updateTable('coverages')
      .set({ ...this.sealed(v), updated_at: now })
      .where('id', '=', id)
      .execute();
  }

  async cancel(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('coverages')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .execute();
  }

  /**
   * Primary becomes secondary and back. The unique index on active priorities is checked row by
   * row, so the primary steps out (cancelled) for the moment the secondary moves up; inside one
   * transaction nobody else ever sees that step.
   */
  async swap(primaryId: string, secondaryId: string, now: Date): Promise<void> {
    await this.cancel(primaryId, now);
    await this.update(secondaryId, { priority: 1 }, now);
    await this.db
      .updateTable('coverages')
      .set({ status: 'active', cancelled_at: null, priority: 2, updated_at: now })
      .where('id', '=', primaryId)
      .execute();
  }

  cards(coverageIds: string[]): Promise<CardMeta[]> {
    if (coverageIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('coverage_card_images')
      .select(['coverage_id', 'side', 'content_type', 'byte_size', 'created_at'])
      .where('coverage_id', 'in', coverageIds)
      .execute();
  }

  card(coverageId: string, side: CardSideValue) {
    return this.db
      .selectFrom('coverage_card_images')
      .select(['id', 'content_type', 'byte_size', 'data', 'wrapped_key'])
      .where('coverage_id', '=', coverageId)
      .where('side', '=', side)
      .executeTakeFirst();
  }

  /**
   * One photo per side: a new one replaces the old. The photo is already sealed in the file store
   * under `id`; returns the replaced photo's stored id, for removal once this commits.
   */
  async putCard(
    coverageId: string,
    side: CardSideValue,
    card: { id: string; type: CardImageType; byteSize: number; wrappedKey: string },
  ): Promise<string | null> {
    const old = await this.deleteCard(coverageId, side);
    await this.db
      .insertInto('coverage_card_images')
      .values({
        id: card.id,
        coverage_id: coverageId,
        side,
        content_type: card.type,
        byte_size: card.byteSize,
        data: null,
        wrapped_key: card.wrappedKey,
      })
      .execute();
    return old ?? null;
  }

  /** Removes a side's photo; returns its stored file id (null if none, or an old plain one). */
  async deleteCard(coverageId: string, side: CardSideValue): Promise<string | null | undefined> {
    const row = await this.db
      .deleteFrom('coverage_card_images')
      .where('coverage_id', '=', coverageId)
      .where('side', '=', side)
      .returning(['id', 'wrapped_key'])
      .executeTakeFirst();
    if (!row) return undefined;
    return row.wrapped_key === null ? null : row.id;
  }
}
