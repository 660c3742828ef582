-- Locate by any attribute, each criterion from an index of the caller's project (KMIP 1.4 §4.9, 2.1 §6.1.28).

-- Text attributes (Object Group, Contact Information, custom attributes, and the attributes kept as their TTLV in
-- hex) are found by (project, name, value). The project is repeated here, as in object_names, so that a value common
-- to many projects is still one index range of the caller's. Only the value's first 256 characters are indexed:
-- PostgreSQL refuses an index entry larger than a third of a page, and a custom attribute may be long; Locate
-- compares that prefix through the index and the whole value on the rows it finds.
ALTER TABLE object_text_attributes ADD COLUMN project TEXT NOT NULL DEFAULT '';
UPDATE object_text_attributes
   SET project = (SELECT project FROM secrets WHERE secrets.id = object_text_attributes.secret_id);
CREATE INDEX object_text_attributes_by_project_value
    ON object_text_attributes (project, name, (substr(value, 1, 256)));

-- Links are found by their target (an object identifier, so few rows), then confined to the project by secrets.
CREATE INDEX object_links_by_target ON object_links (target, kind);

-- The lifecycle dates and the revocation reason, as date ranges and values of one project.
CREATE INDEX secrets_by_project_activation_date ON secrets (project, activation_date);
CREATE INDEX secrets_by_project_deactivation_date ON secrets (project, deactivation_date);
CREATE INDEX secrets_by_project_destroy_date ON secrets (project, destroy_date);
CREATE INDEX secrets_by_project_compromise_occurrence_date ON secrets (project, compromise_occurrence_date);
CREATE INDEX secrets_by_project_compromise_date ON secrets (project, compromise_date);
CREATE INDEX secrets_by_project_revocation_reason ON secrets (project, revocation_reason);

-- A usage mask matches when it has every bit of the requested one, which no index on the whole mask can answer:
-- each set bit is a row here, and a mask of k bits is k index lookups. secrets.usage_mask stays the mask as read.
CREATE TABLE object_usage_bits (
    secret_id TEXT    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    bit       INTEGER NOT NULL,
    project   TEXT    NOT NULL,
    PRIMARY KEY (secret_id, bit)
);
CREATE INDEX object_usage_bits_by_project_bit ON object_usage_bits (project, bit);

INSERT INTO object_usage_bits (secret_id, bit, project)
SELECT secrets.id, bits.bit, secrets.project
  FROM secrets JOIN (
    SELECT 1 AS bit
    UNION ALL SELECT 2 AS bit
    UNION ALL SELECT 4 AS bit
    UNION ALL SELECT 8 AS bit
    UNION ALL SELECT 16 AS bit
    UNION ALL SELECT 32 AS bit
    UNION ALL SELECT 64 AS bit
    UNION ALL SELECT 128 AS bit
    UNION ALL SELECT 256 AS bit
    UNION ALL SELECT 512 AS bit
    UNION ALL SELECT 1024 AS bit
    UNION ALL SELECT 2048 AS bit
    UNION ALL SELECT 4096 AS bit
    UNION ALL SELECT 8192 AS bit
    UNION ALL SELECT 16384 AS bit
    UNION ALL SELECT 32768 AS bit
    UNION ALL SELECT 65536 AS bit
    UNION ALL SELECT 131072 AS bit
    UNION ALL SELECT 262144 AS bit
    UNION ALL SELECT 524288 AS bit
    UNION ALL SELECT 1048576 AS bit
    UNION ALL SELECT 2097152 AS bit
    UNION ALL SELECT 4194304 AS bit
    UNION ALL SELECT 8388608 AS bit
    UNION ALL SELECT 16777216 AS bit
    UNION ALL SELECT 33554432 AS bit
    UNION ALL SELECT 67108864 AS bit
    UNION ALL SELECT 134217728 AS bit
    UNION ALL SELECT 268435456 AS bit
    UNION ALL SELECT 536870912 AS bit
    UNION ALL SELECT 1073741824 AS bit
    UNION ALL SELECT -2147483648 AS bit
  ) bits ON (secrets.usage_mask & bits.bit) <> 0
 WHERE secrets.usage_mask IS NOT NULL;
