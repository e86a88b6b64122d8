-- Typo tolerance for "Find a doctor" without comparing every clinician's text to every search:
-- the words of the directory's search documents, trigram-indexed, so a misspelt word is first
-- corrected against this small list and the clinician search then uses the full-text index only.
CREATE TABLE directory_words (
  word text PRIMARY KEY CHECK (length(word) BETWEEN 3 AND 60)
);
CREATE INDEX directory_words_trgm_idx ON directory_words USING gin (word gin_trgm_ops);

INSERT INTO directory_words (word)
SELECT word FROM ts_stat('SELECT search_document FROM clinicians')
WHERE length(word) BETWEEN 3 AND 60 AND word ~ '^[[:alpha:]]+$'
ON CONFLICT DO NOTHING;

DROP INDEX IF EXISTS clinicians_search_trgm_idx;
