-- Encryption at rest (issue 13 item 6, decision 0033).
-- 1. Every stored file goes through the one envelope-encrypted file store (modules/files): the
-- body is sealed on disk under the row's id, the row keeps `wrapped_key` (the file's own key,
-- wrapped by the master key, prefixed with that key's id). Rows written before this migration keep
-- their plain `data` and stay readable; `npm run files:encrypt` moves them into the store.
-- Exactly one of data / wrapped_key is set on a file row.
ALTER TABLE message_attachments ADD COLUMN wrapped_key text, ALTER COLUMN data DROP NOT NULL;
ALTER TABLE message_attachments ADD CONSTRAINT message_attachments_stored
  CHECK ((data IS NULL) <> (wrapped_key IS NULL));

ALTER TABLE coverage_card_images ADD COLUMN wrapped_key text, ALTER COLUMN data DROP NOT NULL;
ALTER TABLE coverage_card_images DROP CONSTRAINT coverage_card_images_size;
ALTER TABLE coverage_card_images ADD CONSTRAINT coverage_card_images_size
  CHECK (data IS NULL OR octet_length(data) = byte_size);
ALTER TABLE coverage_card_images ADD CONSTRAINT coverage_card_images_stored
  CHECK ((data IS NULL) <> (wrapped_key IS NULL));

-- A reply may carry a letter (filename set) or not; a letter is plain data or sealed, never both.
ALTER TABLE international_replies ADD COLUMN wrapped_key text;
ALTER TABLE international_replies DROP CONSTRAINT international_replies_check;
ALTER TABLE international_replies ADD CONSTRAINT international_replies_letter
  CHECK ((filename IS NULL) = (content_type IS NULL)
    AND (filename IS NULL) = (data IS NULL AND wrapped_key IS NULL)
    AND (data IS NULL OR wrapped_key IS NULL));

-- 2. Identifiers sealed field by field (AES-256-GCM under a key derived from the master key):
-- `enc1:<key id>:<base64>`. The format checks move to the application (coverage-rules.ts), which
-- checks the plain value before sealing it; old plain values stay readable until files:encrypt.
ALTER TABLE coverages DROP CONSTRAINT coverages_member_id_check;
ALTER TABLE coverages DROP CONSTRAINT coverages_group_number_check;
