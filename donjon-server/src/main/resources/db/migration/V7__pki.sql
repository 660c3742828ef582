-- Certificate authorities (issue 8): Donjon's root, imported and per-project subordinate CAs, what they issued and
-- revoked, projects' preferred CAs, and certificate orders waiting for approval. Same conventions as V1: timestamps
-- are BIGINT epoch microseconds, booleans INTEGER 0/1, ${binary} is BLOB or BYTEA.

CREATE TABLE pki_cas (
    id                TEXT    NOT NULL PRIMARY KEY,
    name              TEXT,
    kind              TEXT    NOT NULL,
    project           TEXT,
    parent_id         TEXT REFERENCES pki_cas (id),
    subject_dn        TEXT    NOT NULL,
    not_after         BIGINT  NOT NULL,
    -- The CA's PKCS#8 key, sealed like a secret payload (AAD: CA id, owning project or donjon:pki, private).
    key_kek_version   INTEGER NOT NULL,
    key_ciphertext    ${binary} NOT NULL,
    approval_required INTEGER NOT NULL,
    created           BIGINT  NOT NULL
);

-- One root per deployment, however many nodes start at once.
CREATE UNIQUE INDEX pki_cas_one_root ON pki_cas (kind) WHERE kind = 'ROOT';
CREATE INDEX pki_cas_by_project ON pki_cas (project, created);

-- The CA's certificate (position 0) and its issuers', DER.
CREATE TABLE pki_ca_chain (
    ca_id       TEXT    NOT NULL REFERENCES pki_cas (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    certificate ${binary} NOT NULL,
    PRIMARY KEY (ca_id, position)
);

CREATE TABLE pki_preferred_cas (
    project TEXT   NOT NULL PRIMARY KEY,
    ca_id   TEXT   NOT NULL REFERENCES pki_cas (id) ON DELETE CASCADE,
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL
);

-- No foreign key to the certificate object: the CRL must keep a revoked certificate after its object is deleted.
CREATE TABLE pki_issued (
    ca_id          TEXT   NOT NULL REFERENCES pki_cas (id),
    serial         TEXT   NOT NULL,
    certificate_id TEXT   NOT NULL,
    project        TEXT   NOT NULL,
    not_after      BIGINT NOT NULL,
    issued         BIGINT NOT NULL,
    revoked_at     BIGINT,
    revoked_reason TEXT,
    PRIMARY KEY (ca_id, serial)
);

CREATE INDEX pki_issued_by_certificate ON pki_issued (certificate_id);
CREATE INDEX pki_issued_revoked ON pki_issued (ca_id, revoked_at);

-- What a certificate order waiting for approval will have signed.
CREATE TABLE pki_pending_requests (
    order_id        TEXT   NOT NULL PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    ca_id           TEXT   NOT NULL REFERENCES pki_cas (id),
    subject_dn      TEXT   NOT NULL,
    public_key      ${binary} NOT NULL,
    dns_names       TEXT   NOT NULL,
    ip_addresses    TEXT   NOT NULL,
    emails          TEXT   NOT NULL,
    private_key_id  TEXT,
    passphrase_id   TEXT
);
