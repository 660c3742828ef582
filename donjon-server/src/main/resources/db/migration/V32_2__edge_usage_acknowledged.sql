-- At an edge: the total uses of each edge copy its owner acknowledged, for the edge's own delivery job
-- (docs/replication.md, "Updates flowing back"): a total above it is still to be reported. Totals are cumulative, so
-- a report sent again after a lost answer changes nothing at the owner.
ALTER TABLE edge_usage ADD COLUMN acknowledged BIGINT NOT NULL DEFAULT 0;
