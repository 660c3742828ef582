-- Objects imported from sealed export files (docs/export-import.md), by the file's origin and export id (its JWS jti)
-- and the object's identifier at the origin: the replay table of sealed exports. Each object of a file is claimed in
-- its own import's transaction, so a file imported again is refused object by object with nothing stored. No foreign
-- key to secrets: deleting an imported object must not make the file importable again.
CREATE TABLE sealed_export_receipts (
    origin      TEXT   NOT NULL,
    export_id   TEXT   NOT NULL,
    object      TEXT   NOT NULL,
    imported_as TEXT   NOT NULL,
    received    BIGINT NOT NULL,
    PRIMARY KEY (origin, export_id, object)
);
