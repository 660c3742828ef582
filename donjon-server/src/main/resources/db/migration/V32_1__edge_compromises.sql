-- Compromise reports from edge copies (docs/replication.md, "Updates flowing back"). At an edge: each edge copy
-- revoked here for Key Compromise, with the owner it is reported to. Every report to that owner carries it (reports
-- are cumulative, so repeating one changes nothing at the owner); the owner's answer, once one came, is kept as its
-- outcome, and the edge's delivery job stops sending what the owner acknowledged. No foreign key: the record outlives
-- a replica the owner later deletes, as receipts do.
CREATE TABLE edge_compromises (
    object_id    TEXT   NOT NULL PRIMARY KEY,
    project      TEXT   NOT NULL,
    owner        TEXT   NOT NULL,
    occurred     BIGINT NOT NULL,
    message      TEXT,
    recorded     BIGINT NOT NULL,
    acknowledged BIGINT,
    outcome      TEXT
);

CREATE INDEX edge_compromises_owner ON edge_compromises (owner, acknowledged);
