-- Lockboxes imported from other servers, by origin and lockbox id (JWS jti): the replay table
-- (domain.port.LockboxReceiptRepository). No foreign key to secrets: deleting an imported object must
-- not make its lockbox importable again.
CREATE TABLE lockbox_receipts (
    origin     TEXT   NOT NULL,
    lockbox_id TEXT   NOT NULL,
    issued     BIGINT NOT NULL,
    received   BIGINT NOT NULL,
    object_id  TEXT   NOT NULL,
    PRIMARY KEY (origin, lockbox_id)
);
