-- Where a deleted object stood in Locate's order (created, then id), so that a Locate paging after it as an anchor
-- (the x-donjon-after filter) still finds its place: pages then neither repeat nor miss an object while others are
-- added and deleted. One short row per deleted object; no foreign key, the object is gone.
CREATE TABLE locate_anchors (
    id      TEXT   NOT NULL PRIMARY KEY,
    created BIGINT NOT NULL
);
