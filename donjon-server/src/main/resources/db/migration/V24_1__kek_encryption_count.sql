-- AES-GCM encryptions each project KEK version has made (or that nodes reserved in blocks; docs/key-hierarchy.md,
-- "Nonce budget"): with random 96-bit nonces a key must not exceed 2^32 of them (NIST SP 800-38D, 8.3). Existing
-- versions start from the payloads they seal now, a lower bound of what they encrypted before this was counted.
ALTER TABLE project_keks ADD COLUMN encryptions BIGINT NOT NULL DEFAULT 0;

UPDATE project_keks SET encryptions = (
    SELECT COUNT(*) FROM secret_payloads p JOIN secrets s ON s.id = p.secret_id
    WHERE s.project = project_keks.project AND p.kek_version = project_keks.version);
