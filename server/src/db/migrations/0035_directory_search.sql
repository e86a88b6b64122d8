-- Directory search at 5,000+ clinicians (issue 16, lever 4; decision 0049).

-- A version number every change to what the directory's caches hold moves, in the writer's own
-- transaction: each server instance keeps facets, typed-word lookups and result counts in memory
-- under the version it read them at, and drops them as soon as any statement shows a newer one.
-- Triggers, not application calls, so a write from anywhere (the demo seed, an import, psql) counts.
CREATE TABLE directory_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 1
);
INSERT INTO directory_state (id, version) VALUES (true, 1);

CREATE FUNCTION directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_state SET version = version + 1;
  RETURN NULL;
END
$$;

-- "Next available" (kept by scheduling's jobs) is left out: nothing cached depends on it.
CREATE TRIGGER clinicians_directory_changed
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF organization_id, service_line_code, active, visit_modes,
    languages, licensed_states, accepting_new_patients, search_document
  ON clinicians FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER clinician_clinical_areas_directory_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clinician_clinical_areas
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER clinical_areas_directory_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clinical_areas
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER directory_words_directory_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory_words
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER directory_synonyms_directory_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory_synonyms
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER service_lines_directory_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_lines
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();
CREATE TRIGGER organizations_directory_changed
  AFTER INSERT OR UPDATE OF name OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION directory_changed();

-- Orderings the public directory pages through, limited to the clinicians it lists (active, video
-- or phone: the same expressions as the search's WHERE, so the planner can use them): by name,
-- and by next opening. A page walks the index instead of sorting every match.
CREATE INDEX clinicians_public_name_idx ON clinicians (family_name, given_name, id)
  WHERE active AND visit_modes && ARRAY['video', 'phone']::text[];
CREATE INDEX clinicians_public_next_idx ON clinicians (next_available_at, family_name, given_name, id)
  WHERE active AND visit_modes && ARRAY['video', 'phone']::text[];
-- A service line alone, or or'ed with the text match ("cardio" also finds every Cardiac clinician):
-- the existing (organization_id, service_line_code) index cannot serve it.
CREATE INDEX clinicians_line_name_idx ON clinicians (service_line_code, family_name, given_name, id);

-- GIN's "fast update" parks new entries in an unsorted pending list until VACUUM merges them, and
-- the planner prices a long pending list so high that it seq-scans instead: after refreshSearch()
-- rewrote the documents, every text search read all clinicians (4–22 ms, against 0.3 ms on the
-- index). Embedded PGlite has no autovacuum, so there the list never shrank. Directory writes are
-- rare: write straight into the index, and merge what is pending now.
ALTER INDEX clinicians_search_idx SET (fastupdate = off);
ALTER INDEX clinicians_languages_idx SET (fastupdate = off);
ALTER INDEX clinicians_states_idx SET (fastupdate = off);
ALTER INDEX directory_words_trgm_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('clinicians_search_idx'::regclass),
  gin_clean_pending_list('clinicians_languages_idx'::regclass),
  gin_clean_pending_list('clinicians_states_idx'::regclass),
  gin_clean_pending_list('directory_words_trgm_idx'::regclass);
