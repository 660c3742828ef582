-- Seeding a new push peer (docs/replication.md): a peer without a cursor first receives the current state of every
-- object this server owns, paged by identifier, then the change log from snapshot_seq, the log's position when the
-- seed began. after_id is how far the paging got (the last identifier the peer acknowledged, '' before the first), so
-- that a restart resumes the seed rather than beginning again. The row is deleted, and the peer's cursor set to
-- snapshot_seq, in one transaction once the last page is acknowledged.
CREATE TABLE replication_seeds (
    peer         TEXT   NOT NULL PRIMARY KEY,
    snapshot_seq BIGINT NOT NULL,
    after_id     TEXT   NOT NULL,
    started      BIGINT NOT NULL
);
