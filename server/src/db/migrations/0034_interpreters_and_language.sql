-- The language people read Portico in, and the interpreter a visit needs.
-- Every account (patients, proxies, staff, clinicians, admins) keeps the language its person last
-- chose in Portico; null until they choose. A patient record's preferred_language stays the care
-- team's language (what staff recorded, what emails follow).
ALTER TABLE users ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$');

-- Asked at booking and again at e-check-in; null = no interpreter needed.
ALTER TABLE appointments
  ADD COLUMN interpreter_language text CHECK (interpreter_language ~ '^[a-z]{2,3}$');

-- The language a guest or interpreter link's pages open in (the inviting clinician picks it).
ALTER TABLE visit_guests
  ADD COLUMN page_language text CHECK (page_language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$');
