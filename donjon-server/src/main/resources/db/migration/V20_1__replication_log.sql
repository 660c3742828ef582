-- Server-to-server replication (docs/replication.md). replication_changes is the ordered change log of this server's
-- objects: one row per successful change (create, attribute set/modify/delete, state change, destroy, delete),
-- written by the audit append in the change's own transaction and numbered by the audit event's sequence number, which
-- is assigned under the lock on audit_chain_head: rows commit in sequence order on both engines, so a reader that has
-- seen sequence n has seen every row below it.
CREATE TABLE replication_changes (
    seq       BIGINT NOT NULL PRIMARY KEY,
    object_id TEXT   NOT NULL
);
CREATE INDEX replication_changes_by_object ON replication_changes (object_id, seq);

-- How far each push peer has acknowledged the log: everything up to seq reached it (or was refused by it for good).
CREATE TABLE replication_cursors (
    peer      TEXT   NOT NULL PRIMARY KEY,
    seq       BIGINT NOT NULL,
    refused   BIGINT NOT NULL,
    updated   BIGINT NOT NULL
);

-- At a replica: the newest change of each origin's object applied here, so that a change resent after a lost
-- acknowledgement, or overtaken by a newer one, is ignored rather than applied again.
CREATE TABLE replication_applied (
    origin    TEXT   NOT NULL,
    object_id TEXT   NOT NULL,
    seq       BIGINT NOT NULL,
    PRIMARY KEY (origin, object_id)
);
