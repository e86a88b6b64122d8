-- Issue 17. Two things a new user tripped over.
--
-- 1. "Find a doctor": a search for a service line, a specialty or a common word for it finds every
--    clinician in that line. The words are data, edited by admins (Admin › Search words), not code.
--    Keyed by service line code without a foreign key, so the defaults below can be loaded before
--    an organization defines its service lines; words of a line that does not exist match nobody.
CREATE TABLE directory_synonyms (
  service_line_code text NOT NULL CHECK (service_line_code ~ '^[a-z0-9-]{1,40}$'),
  word text NOT NULL CHECK (word ~ '^[[:alnum:]]{2,40}$' AND word = lower(word)),
  PRIMARY KEY (service_line_code, word)
);
CREATE INDEX directory_synonyms_word_idx ON directory_synonyms (word text_pattern_ops);

INSERT INTO directory_synonyms (service_line_code, word)
SELECT v.code, unnest(string_to_array(v.words, ' '))
FROM (VALUES
  ('allergy-immunology', 'allergy allergies allergist immunology immunologist hives'),
  ('cardiac', 'cardiac cardiology cardiologist heart cardiovascular arrhythmia'),
  ('dermatology', 'dermatology dermatologist skin rash acne eczema psoriasis mole'),
  ('digestive-health', 'digestive gastroenterology gastroenterologist gi stomach bowel liver colon gut'),
  ('endocrinology', 'endocrinology endocrinologist diabetes thyroid hormone hormones'),
  ('general-surgery', 'surgery surgeon hernia gallbladder appendix'),
  ('neuroscience', 'neuroscience neurology neurologist neurosurgery brain nerve nerves stroke epilepsy migraine'),
  ('nephrology', 'nephrology nephrologist kidney kidneys renal dialysis'),
  ('oncology', 'oncology oncologist cancer tumor tumour chemotherapy hematology'),
  ('ophthalmology', 'ophthalmology ophthalmologist eye eyes vision retina cataract glaucoma'),
  ('orthopedics', 'orthopedics orthopaedics orthopedic bone bones joint joints fracture spine knee hip'),
  ('otolaryngology', 'otolaryngology ent ear ears nose throat sinus hearing'),
  ('plastic-surgery', 'plastic cosmetic reconstructive reconstruction'),
  ('primary-care', 'primary pcp internist family checkup'),
  ('psychiatry', 'psychiatry psychiatrist psychology psychologist mental depression anxiety'),
  ('pulmonology', 'pulmonology pulmonologist lung lungs breathing asthma copd sleep'),
  ('radiology', 'radiology radiologist imaging xray mri scan ultrasound'),
  ('rehabilitation', 'rehabilitation rehab physiatry physiotherapy pain'),
  ('rheumatology', 'rheumatology rheumatologist arthritis lupus gout autoimmune'),
  ('transplant', 'transplant transplantation donor'),
  ('urology', 'urology urologist bladder prostate urinary'),
  ('womens-health', 'women womens gynecology gynecologist obstetrics obgyn pregnancy prenatal maternity')
) AS v(code, words)
ON CONFLICT DO NOTHING;

-- Typing "cardiolgy" is corrected against the directory's words: the search words join them.
INSERT INTO directory_words (word)
SELECT DISTINCT word FROM directory_synonyms WHERE length(word) BETWEEN 3 AND 60 AND word ~ '^[[:alpha:]]+$'
ON CONFLICT DO NOTHING;

-- 2. Refills: a request for a medication whose prescriber is not available (left, or no longer at
--    the patient's organization) goes to the patient's primary care clinician, or else to a care
--    team pool. Who answers is decided when the patient sends it, and kept with the request.
ALTER TABLE patients ADD COLUMN primary_care_clinician_id uuid REFERENCES clinicians(id);
ALTER TABLE refill_requests
  ADD COLUMN answer_clinician_id uuid REFERENCES clinicians(id),
  ADD COLUMN answer_pool_id uuid REFERENCES message_pools(id),
  -- Both null: the prescriber (and their service line's pool) answers, as before.
  ADD CONSTRAINT refill_requests_one_answerer CHECK (answer_clinician_id IS NULL OR answer_pool_id IS NULL);
