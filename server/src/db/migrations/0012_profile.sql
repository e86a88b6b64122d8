-- Profile: demographics and contact details on the patient record, the insurance plan catalog,
-- each patient's coverages (FHIR Coverage) and photos of their insurance cards.
-- The billing engine reads insurance_plans and coverages as they are named here.

ALTER TABLE patients
  ADD COLUMN preferred_name text CHECK (preferred_name IS NULL OR length(preferred_name) BETWEEN 1 AND 100),
  ADD COLUMN pronouns text CHECK (pronouns IS NULL OR length(pronouns) BETWEEN 1 AND 40),
  -- FHIR AdministrativeGender.
  ADD COLUMN sex text CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  ADD COLUMN address_line1 text CHECK (address_line1 IS NULL OR length(address_line1) BETWEEN 1 AND 200),
  ADD COLUMN address_line2 text CHECK (address_line2 IS NULL OR length(address_line2) BETWEEN 1 AND 200),
  ADD COLUMN address_city text CHECK (address_city IS NULL OR length(address_city) BETWEEN 1 AND 100),
  ADD COLUMN address_region text CHECK (address_region IS NULL OR length(address_region) BETWEEN 1 AND 100),
  ADD COLUMN address_postal_code text CHECK (address_postal_code IS NULL OR address_postal_code ~ '^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$'),
  -- ISO 3166-1 alpha-2.
  ADD COLUMN address_country text NOT NULL DEFAULT 'US' CHECK (address_country ~ '^[A-Z]{2}$'),
  ADD COLUMN mobile_phone text CHECK (mobile_phone IS NULL OR mobile_phone ~ '^\+?[0-9][0-9 ().-]{6,29}$'),
  -- The number a clinician calls when a video visit falls back to the phone.
  ADD COLUMN visit_phone text CHECK (visit_phone IS NULL OR visit_phone ~ '^\+?[0-9][0-9 ().-]{6,29}$'),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  -- An address is whole or absent: a street without a city cannot be mailed to.
  ADD CONSTRAINT patients_address_whole CHECK (
    (address_line1 IS NULL AND address_city IS NULL AND address_postal_code IS NULL AND address_line2 IS NULL)
    OR (address_line1 IS NOT NULL AND address_city IS NOT NULL AND address_postal_code IS NOT NULL)
  );

-- A health-system catalog the patient picks from; no free-text plans.
CREATE TABLE insurance_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payer_name text NOT NULL CHECK (length(payer_name) BETWEEN 2 AND 120),
  plan_name text NOT NULL CHECK (length(plan_name) BETWEEN 1 AND 120),
  payer_category text NOT NULL CHECK (payer_category IN (
    'commercial', 'medicare', 'medicaid', 'health_system_plan', 'workers_comp', 'health_safety_net', 'self_pay'
  )),
  virtual_visit_cost text NOT NULL CHECK (virtual_visit_cost IN ('copay', 'deductible', 'not_covered')),
  virtual_visit_copay_cents integer CHECK (virtual_visit_copay_cents >= 0),
  requires_pcp_referral boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payer_name, plan_name),
  CONSTRAINT insurance_plans_copay_amount CHECK (virtual_visit_cost <> 'copay' OR virtual_visit_copay_cents IS NOT NULL)
);

CREATE TABLE coverages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES patients(id),
  plan_id uuid NOT NULL REFERENCES insurance_plans(id),
  -- 1 = primary, 2 = secondary.
  priority smallint NOT NULL CHECK (priority IN (1, 2)),
  member_id text NOT NULL CHECK (member_id ~ '^[A-Za-z0-9][A-Za-z0-9 -]{0,39}$'),
  group_number text CHECK (group_number IS NULL OR group_number ~ '^[A-Za-z0-9][A-Za-z0-9 -]{0,39}$'),
  subscriber_name text CHECK (subscriber_name IS NULL OR length(subscriber_name) BETWEEN 1 AND 200),
  relationship text NOT NULL DEFAULT 'self' CHECK (relationship IN ('self', 'spouse', 'child', 'other')),
  pcp_referral_on_file boolean NOT NULL DEFAULT false,
  -- Removed coverages stay, cancelled: bills already written may point at them.
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  CONSTRAINT coverages_cancelled_at CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);
-- At most one active primary and one active secondary per patient.
CREATE UNIQUE INDEX coverages_one_active_priority ON coverages (patient_id, priority) WHERE status = 'active';
CREATE INDEX coverages_patient_idx ON coverages (patient_id, status);

CREATE TABLE coverage_card_images (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  coverage_id uuid NOT NULL REFERENCES coverages(id),
  side text NOT NULL CHECK (side IN ('front', 'back')),
  -- Decided from the file's bytes, never from its name or the browser's word.
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic')),
  byte_size integer NOT NULL CHECK (byte_size BETWEEN 1 AND 5242880),
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (coverage_id, side),
  CONSTRAINT coverage_card_images_size CHECK (octet_length(data) = byte_size)
);
