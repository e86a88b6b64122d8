-- The language people read Portico in, and the interpreter a visit needs.
-- Workforce accounts (staff, clinicians, admins, proxies without a record of their own) keep the
-- language they chose; a patient's account language stays the record's preferred_language.
ALTER TABLE users ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$');

-- Asked at booking and again at e-check-in; null = no interpreter needed.
ALTER TABLE appointments
  ADD COLUMN interpreter_language text CHECK (interpreter_language ~ '^[a-z]{2,3}$');

-- The language a guest or interpreter link's pages open in (the inviting clinician picks it).
ALTER TABLE visit_guests
  ADD COLUMN page_language text CHECK (page_language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$');
