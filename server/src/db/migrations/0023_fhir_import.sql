-- Real-world FHIR import: an Observation may carry no value and say why (FHIR dataAbsentReason,
-- e.g. "specimen hemolyzed"). A stored observation now has exactly one of a number, a text or a
-- reason for having neither.
ALTER TABLE observations
  ADD COLUMN data_absent_reason text CHECK (length(btrim(data_absent_reason)) BETWEEN 1 AND 200);

DO $$
DECLARE c text;
BEGIN
  FOR c IN
    SELECT conname FROM pg_constraint
    WHERE conrelid = 'observations'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%(value_numeric IS NULL) <> (value_text IS NULL)%'
  LOOP
    EXECUTE format('ALTER TABLE observations DROP CONSTRAINT %I', c);
  END LOOP;
END $$;

ALTER TABLE observations
  ADD CONSTRAINT observations_one_value CHECK (num_nonnulls(value_numeric, value_text, data_absent_reason) = 1);
