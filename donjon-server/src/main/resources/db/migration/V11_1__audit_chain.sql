-- The audit trail becomes a hash chain (docs/audit.md): each event names the node that wrote it, the credential and
-- source address of its caller, and carries the hash of the event before it and its own. seq is assigned by the
-- append itself (head + 1, under the lock on audit_chain_head), so chained events are numbered without gaps.
ALTER TABLE audit_events ADD COLUMN node TEXT;
ALTER TABLE audit_events ADD COLUMN credential TEXT;
ALTER TABLE audit_events ADD COLUMN source TEXT;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;

CREATE INDEX audit_events_by_project ON audit_events (actor_project, seq);
CREATE INDEX audit_events_by_object  ON audit_events (object_id, seq);

-- The one row every append locks and moves: the chain's last sequence number and hash. origin_seq is where the
-- chain starts: events written before this migration (seq <= origin_seq) are not chained.
CREATE TABLE audit_chain_head (
    id         INTEGER NOT NULL PRIMARY KEY,
    origin_seq BIGINT  NOT NULL,
    seq        BIGINT  NOT NULL,
    hash       TEXT    NOT NULL
);
INSERT INTO audit_chain_head (id, origin_seq, seq, hash)
SELECT 1, COALESCE(MAX(seq), 0), COALESCE(MAX(seq), 0),
       '0000000000000000000000000000000000000000000000000000000000000000'
FROM audit_events;

-- Signed statements "the chain's event seq has this hash", written periodically by every node.
CREATE TABLE audit_checkpoints (
    seq       BIGINT NOT NULL PRIMARY KEY,
    hash      TEXT   NOT NULL,
    at        BIGINT NOT NULL,
    node      TEXT   NOT NULL,
    key_id    TEXT   NOT NULL,
    signature TEXT   NOT NULL
);

-- The audit signing key (Ed25519): its private half wrapped under the master key, its public half in the clear.
CREATE TABLE audit_signing_keys (
    key_id             TEXT      NOT NULL PRIMARY KEY,
    master_key_version INTEGER   NOT NULL,
    wrapped_private    ${binary} NOT NULL,
    public_key         ${binary} NOT NULL,
    created            BIGINT    NOT NULL
);

-- Usage notifications waiting for the broker, written in the transaction of the event they announce and deleted once
-- the broker confirmed them (at-least-once delivery, in seq order).
CREATE TABLE notification_outbox (
    seq        ${sequence_pk},
    event_type TEXT   NOT NULL,
    message    TEXT   NOT NULL,
    created    BIGINT NOT NULL
);
