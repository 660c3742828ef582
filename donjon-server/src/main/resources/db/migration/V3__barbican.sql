-- Barbican's other resources (issue 3): containers, consumers, orders, ACLs, quotas and secret stores.
-- Same conventions as V1: timestamps are BIGINT epoch microseconds, booleans are INTEGER 0/1 (one binding for both
-- engines), every listing index leads with the project.

CREATE TABLE containers (
    id         TEXT   NOT NULL PRIMARY KEY,
    project    TEXT   NOT NULL,
    name       TEXT,
    type       TEXT   NOT NULL,
    creator_id TEXT,
    created    BIGINT NOT NULL,
    updated    BIGINT NOT NULL
);

CREATE INDEX containers_by_project_created ON containers (project, created, id);

-- A reference goes with its secret (Barbican drops it from the container when the secret is deleted). The same
-- secret may appear under several names, and one name may not repeat with the same secret.
CREATE TABLE container_secrets (
    container_id TEXT    NOT NULL REFERENCES containers (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    secret_id    TEXT    NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    PRIMARY KEY (container_id, name, secret_id)
);

CREATE INDEX container_secrets_by_secret ON container_secrets (secret_id);

CREATE TABLE container_consumers (
    container_id TEXT   NOT NULL REFERENCES containers (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL,
    url          TEXT   NOT NULL,
    project      TEXT   NOT NULL,
    created      BIGINT NOT NULL,
    updated      BIGINT NOT NULL,
    PRIMARY KEY (container_id, name, url)
);

CREATE INDEX container_consumers_by_project ON container_consumers (project);

CREATE TABLE secret_consumers (
    secret_id     TEXT   NOT NULL REFERENCES secrets (id) ON DELETE CASCADE,
    service       TEXT   NOT NULL,
    resource_type TEXT   NOT NULL,
    resource_id   TEXT   NOT NULL,
    project       TEXT   NOT NULL,
    created       BIGINT NOT NULL,
    updated       BIGINT NOT NULL,
    PRIMARY KEY (secret_id, service, resource_type, resource_id)
);

CREATE INDEX secret_consumers_by_project ON secret_consumers (project);

-- An order outlives what it produced (Barbican keeps the ref after the secret is deleted), so no foreign keys.
CREATE TABLE orders (
    id                TEXT   NOT NULL PRIMARY KEY,
    project           TEXT   NOT NULL,
    type              TEXT   NOT NULL,
    status            TEXT   NOT NULL,
    meta              TEXT   NOT NULL,
    secret_id         TEXT,
    container_id      TEXT,
    error_status_code TEXT,
    error_reason      TEXT,
    creator_id        TEXT,
    created           BIGINT NOT NULL,
    updated           BIGINT NOT NULL
);

CREATE INDEX orders_by_project_created ON orders (project, created, id);

-- Only the 'read' operation exists. No row means Barbican's default ACL: project access, no users.
CREATE TABLE secret_acls (
    secret_id      TEXT    NOT NULL PRIMARY KEY REFERENCES secrets (id) ON DELETE CASCADE,
    project_access INTEGER NOT NULL,
    created        BIGINT  NOT NULL,
    updated        BIGINT  NOT NULL
);

CREATE TABLE secret_acl_users (
    secret_id TEXT NOT NULL REFERENCES secret_acls (secret_id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL,
    PRIMARY KEY (secret_id, user_id)
);

-- acl_only listings look secrets up by user, across projects.
CREATE INDEX secret_acl_users_by_user ON secret_acl_users (user_id, secret_id);

CREATE TABLE container_acls (
    container_id   TEXT    NOT NULL PRIMARY KEY REFERENCES containers (id) ON DELETE CASCADE,
    project_access INTEGER NOT NULL,
    created        BIGINT  NOT NULL,
    updated        BIGINT  NOT NULL
);

CREATE TABLE container_acl_users (
    container_id TEXT NOT NULL REFERENCES container_acls (container_id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL,
    PRIMARY KEY (container_id, user_id)
);

-- NULL: the configured default applies. -1 unlimited, 0 disabled.
CREATE TABLE project_quotas (
    project    TEXT    NOT NULL PRIMARY KEY,
    secrets    INTEGER,
    orders     INTEGER,
    containers INTEGER,
    consumers  INTEGER,
    cas        INTEGER,
    created    BIGINT  NOT NULL,
    updated    BIGINT  NOT NULL
);

CREATE TABLE project_secret_stores (
    project  TEXT   NOT NULL PRIMARY KEY,
    store_id TEXT   NOT NULL,
    created  BIGINT NOT NULL,
    updated  BIGINT NOT NULL
);
