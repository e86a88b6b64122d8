-- Vital signs (FHIR Observation, category vital-signs, US Core vital-signs profiles): taken at
-- check-in or during a visit. The kind fixes the LOINC code and the UCUM unit (see
-- modules/results/vitals.ts), so a value can never carry the wrong unit. A blood pressure is one
-- row: systolic in value, diastolic in value2 (its two FHIR components).

CREATE TABLE vital_signs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  patient_id uuid NOT NULL REFERENCES patients(id),
  encounter_id uuid REFERENCES encounters(id),
  kind text NOT NULL CHECK (kind IN ('blood-pressure', 'heart-rate', 'respiratory-rate', 'body-temperature',
                                     'body-weight', 'body-height', 'bmi', 'oxygen-saturation')),
  value double precision NOT NULL CHECK (value = value AND value > 0 AND value < 1000),
  value2 double precision CHECK (value2 = value2 AND value2 > 0 AND value2 < 1000),
  status text NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'amended', 'corrected')),
  effective_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('check-in', 'visit', 'entered', 'demo')),
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'blood-pressure') = (value2 IS NOT NULL)),
  CHECK (kind <> 'oxygen-saturation' OR value <= 100)
);
CREATE INDEX vital_signs_patient_idx ON vital_signs (patient_id, effective_at DESC, id);

-- FHIR Observation searches page a patient's observations newest first in the database
-- (effective_at DESC, then report and position): this index walks them in that order.
CREATE INDEX observations_patient_time_idx ON observations (patient_id, effective_at DESC, report_id, position);
