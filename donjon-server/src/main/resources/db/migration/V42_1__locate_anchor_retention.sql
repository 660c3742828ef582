-- The places kept for Locate's x-donjon-after anchors (V22_1) now expire: each row says when its object was deleted,
-- and the locate-anchor-prune job (LocateAnchorPrune) removes the rows older than jobs.locate_anchor_retention_days
-- through the index on that date, a small batch per transaction. Each row also names the project of the object, so
-- that an anchor is known only to the project whose listing it ended (as a live object is: another project's
-- identifier is refused as unknown, and its place in time is not revealed).
-- The rows of V22_1 had neither, and the project of an object already gone cannot be told: they are dropped. A
-- listing whose anchor was deleted before this upgrade is then refused (Invalid Field, "restart the listing") as one
-- whose anchor has passed the retention is; V22_1 never pruned, so the table may be large, and dropping it is cheap.
DROP TABLE locate_anchors;
CREATE TABLE locate_anchors (
    id      TEXT   NOT NULL PRIMARY KEY,
    project TEXT   NOT NULL,
    created BIGINT NOT NULL,
    deleted BIGINT NOT NULL
);
CREATE INDEX locate_anchors_by_deleted ON locate_anchors (deleted);
