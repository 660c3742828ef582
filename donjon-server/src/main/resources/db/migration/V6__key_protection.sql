-- KMIP's Sensitive and Extractable as columns the domain reads for every protocol: the REST API
-- must refuse the plaintext of a key that KMIP would refuse. Same conventions as V1: booleans are
-- INTEGER 0/1. Secrets stored over REST, and objects that never had them, are not sensitive and
-- are extractable (KMIP 1.4 §3.48, §3.50).
ALTER TABLE secrets ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;
ALTER TABLE secrets ADD COLUMN extractable INTEGER NOT NULL DEFAULT 1;

-- Until now both were text attributes holding the hex of their TTLV Boolean, whose 8-byte value
-- is 0 or 1: the last hex digit is the value.
UPDATE secrets SET sensitive = 1 WHERE id IN (
    SELECT secret_id FROM object_text_attributes WHERE name = 'Sensitive' AND value LIKE '%1');
UPDATE secrets SET extractable = 0 WHERE id IN (
    SELECT secret_id FROM object_text_attributes WHERE name = 'Extractable' AND value LIKE '%0');
DELETE FROM object_text_attributes WHERE name IN ('Sensitive', 'Extractable');
