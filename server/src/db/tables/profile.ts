import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp } from '../columns.js';

/** Columns migration 0012 adds to `patients`; PatientsTable in ../schema.ts extends this. */
export interface PatientProfileColumns {
  preferred_name: ColumnType<string | null, string | null | undefined, string | null>;
  pronouns: ColumnType<string | null, string | null | undefined, string | null>;
  sex: ColumnType<AdministrativeSex | null, AdministrativeSex | null | undefined, AdministrativeSex | null>;
  address_line1: ColumnType<string | null, string | null | undefined, string | null>;
  address_line2: ColumnType<string | null, string | null | undefined, string | null>;
  address_city: ColumnType<string | null, string | null | undefined, string | null>;
  address_region: ColumnType<string | null, string | null | undefined, string | null>;
  address_postal_code: ColumnType<string | null, string | null | undefined, string | null>;
  address_country: Generated<string>;
  mobile_phone: ColumnType<string | null, string | null | undefined, string | null>;
  visit_phone: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Generated<Date>;
}

/** FHIR AdministrativeGender. */
export type AdministrativeSex = 'female' | 'male' | 'other' | 'unknown';

export type PlanCategoryValue =
  'commercial' | 'medicare' | 'medicaid' | 'health_system_plan' | 'workers_comp' | 'health_safety_net' | 'self_pay';
export type VirtualVisitCostValue = 'copay' | 'deductible' | 'not_covered';

export interface InsurancePlansTable {
  id: Generated<string>;
  payer_name: string;
  /** The organization whose catalog this plan is in; another organization's staff get a 404. */
  organization_id: string;
  plan_name: string;
  payer_category: PlanCategoryValue;
  virtual_visit_cost: VirtualVisitCostValue;
  virtual_visit_copay_cents: number | null;
  requires_pcp_referral: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export type CoverageRelationshipValue = 'self' | 'spouse' | 'child' | 'other';
export type CoverageStatusValue = 'active' | 'cancelled';

/** FHIR Coverage, one row per plan a patient holds; priority 1 is primary, 2 secondary. */
export interface CoveragesTable {
  id: Generated<string>;
  patient_id: string;
  plan_id: string;
  priority: 1 | 2;
  member_id: string;
  group_number: string | null;
  subscriber_name: string | null;
  relationship: ColumnType<CoverageRelationshipValue, CoverageRelationshipValue | undefined, CoverageRelationshipValue>;
  pcp_referral_on_file: Generated<boolean>;
  status: ColumnType<CoverageStatusValue, CoverageStatusValue | undefined, CoverageStatusValue>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  cancelled_at: NullableTimestamp;
}

export type CardSideValue = 'front' | 'back';
export type CardImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic';

export interface CoverageCardImagesTable {
  id: Generated<string>;
  coverage_id: string;
  side: CardSideValue;
  content_type: CardImageType;
  byte_size: number;
  /** Plain bytes of a photo stored before encryption at rest (0030); null once sealed in the file store. */
  data: Buffer | null;
  /** The photo's own key, wrapped by the master key; null for an old plain photo. */
  wrapped_key: string | null;
  created_at: Generated<Date>;
}

/** Tables of the profile domain; Database in ../schema.ts extends this. */
export interface ProfileTables {
  insurance_plans: InsurancePlansTable;
  coverages: CoveragesTable;
  coverage_card_images: CoverageCardImagesTable;
}
