-- One schema for SQLite and PostgreSQL. The engines differ only in two Flyway placeholders, whose
-- values live in dev.donjon.server.store.Engine: binary (BLOB / BYTEA) and sequence_pk (an
-- auto-increment primary key).
-- Timestamps are BIGINT microseconds since the Unix epoch (UTC) on both engines, so that both
-- compare, sort and round-trip them identically.

CREATE TABLE secrets (
    id           TEXT    NOT NULL PRIMARY KEY,
    project      TEXT    NOT NULL,
    name         TEXT,
    type         TEXT    NOT NULL,
    algorithm    TEXT,
    bit_length   INTEGER,
    mode         TEXT,
    creator_id   TEXT,
    created      BIGINT  NOT NULL,
    updated      BIGINT  NOT NULL,
    expiration   BIGINT,
    content_type TEXT
);

-- Every listing is confined to one project, so every index leads with it; the default order
-- (creation, then id) is served by the first one without sorting.
CREATE INDEX secrets_by_project_created    ON secrets (project, created, id);
CREATE INDEX secrets_by_project_updated    ON secrets (project, updated);
CREATE INDEX secrets_by_project_expiration ON secrets (project, expiration);
CREATE INDEX secrets_by_project_name       ON secrets (project, name);
CREATE INDEX secrets_by_project_algorithm  ON secrets (project, algorithm);
CREATE INDEX secrets_by_project_mode       ON secrets (project, mode);
CREATE INDEX secrets_by_project_bit_length ON secrets (project, bit_length);
CREATE INDEX secrets_by_project_type       ON secrets (project, type);

-- Kept apart from secrets so that listings never read ciphertext.
CREATE TABLE secret_payloads (
    secret_id   TEXT      NOT NULL PRIMARY KEY REFERENCES secrets (id) ON DELETE CASCADE,
    kek_version INTEGER   NOT NULL,
    ciphertext  ${binary} NOT NULL
);

CREATE TABLE secret_user_metadata (
    secret_id TEXT    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (secret_id, key)
);

CREATE TABLE project_keks (
    project            TEXT      NOT NULL,
    version            INTEGER   NOT NULL,
    master_key_version INTEGER   NOT NULL,
    wrapped            ${binary} NOT NULL,
    created            BIGINT    NOT NULL,
    PRIMARY KEY (project, version)
);

CREATE TABLE api_tokens (
    token_id    TEXT      NOT NULL PRIMARY KEY,
    secret_hash ${binary} NOT NULL,
    project     TEXT      NOT NULL,
    user_id     TEXT,
    roles       TEXT      NOT NULL,
    description TEXT,
    created     BIGINT    NOT NULL,
    revoked     BIGINT
);

CREATE INDEX api_tokens_by_created ON api_tokens (created, token_id);

CREATE TABLE audit_events (
    seq           ${sequence_pk},
    at            BIGINT NOT NULL,
    request_id    TEXT,
    actor_user    TEXT,
    actor_project TEXT,
    method        TEXT,
    action        TEXT   NOT NULL,
    object_id     TEXT,
    outcome       TEXT   NOT NULL,
    detail        TEXT
);
