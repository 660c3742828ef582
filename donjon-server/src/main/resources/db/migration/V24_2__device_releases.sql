-- Payloads held by an external secret store (the KMIP device) whose object Donjon destroyed (KMIP Destroy) or never
-- stored, but which the device has not freed yet: a job asks the device again until it has (docs/kmip-secret-store.md).
-- The row keeps the sealed reference and its binding, not the device's identifier in the clear: it opens only for the
-- secret it was made for, as the payload row it replaces did.
CREATE TABLE device_releases (
    secret_id   TEXT      NOT NULL PRIMARY KEY,
    project     TEXT      NOT NULL,
    type        TEXT      NOT NULL,
    kek_version INTEGER   NOT NULL,
    sealed      ${binary} NOT NULL,
    queued      BIGINT    NOT NULL,
    attempts    INTEGER   NOT NULL,
    last_error  TEXT
);

CREATE INDEX device_releases_by_queued ON device_releases (queued);
CREATE INDEX device_releases_by_project ON device_releases (project, kek_version);
