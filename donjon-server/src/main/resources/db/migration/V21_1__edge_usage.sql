-- Edge copies (docs/replication.md). At an edge: the uses of each edge copy, in the allocation its owner's last
-- lockbox granted (consumed, reset by each renewal) and since it arrived (total, never reset: what is reported back
-- to the owner). At an owner: the totals each edge reported, kept at their highest (a report is cumulative, so an
-- old or repeated one changes nothing). No foreign keys: counts outlive a deleted replica, as receipts do.
CREATE TABLE edge_usage (
    object_id TEXT   NOT NULL PRIMARY KEY,
    consumed  BIGINT NOT NULL,
    total     BIGINT NOT NULL
);

CREATE TABLE edge_usage_reports (
    object_id  TEXT   NOT NULL,
    edge       TEXT   NOT NULL,
    uses_total BIGINT NOT NULL,
    reported   BIGINT NOT NULL,
    PRIMARY KEY (object_id, edge)
);
