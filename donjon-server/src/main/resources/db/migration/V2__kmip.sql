-- Secrets as KMIP managed objects: lifecycle state and dates, usage mask, revocation, and the
-- multi-valued attributes (names, links, other text attributes) in tables of their own.
-- Rows written before this migration, and secrets created over REST, are Active from creation
-- with no usage restriction (usage_mask NULL), as Barbican serves a secret at once.

ALTER TABLE secrets ADD COLUMN state TEXT NOT NULL DEFAULT 'active';
ALTER TABLE secrets ADD COLUMN usage_mask INTEGER;
ALTER TABLE secrets ADD COLUMN activation_date BIGINT;
ALTER TABLE secrets ADD COLUMN deactivation_date BIGINT;
ALTER TABLE secrets ADD COLUMN destroy_date BIGINT;
ALTER TABLE secrets ADD COLUMN compromise_occurrence_date BIGINT;
ALTER TABLE secrets ADD COLUMN compromise_date BIGINT;
ALTER TABLE secrets ADD COLUMN revocation_reason TEXT;
ALTER TABLE secrets ADD COLUMN revocation_message TEXT;

-- Locate by state; by object type, algorithm and length the V1 indexes already serve it.
CREATE INDEX secrets_by_project_state ON secrets (project, state, created);

-- KMIP names, in attribute-index order. The project is repeated here so that Locate by name is
-- one index lookup confined to the caller's project.
CREATE TABLE object_names (
    secret_id TEXT    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    project   TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    PRIMARY KEY (secret_id, position)
);

CREATE INDEX object_names_by_project_name ON object_names (project, name);

CREATE TABLE object_links (
    secret_id TEXT    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    PRIMARY KEY (secret_id, position)
);

-- Other text attributes (Object Group, Contact Information, custom x- attributes), each value
-- at its attribute index.
CREATE TABLE object_text_attributes (
    secret_id TEXT    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    name      TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (secret_id, name, position)
);
