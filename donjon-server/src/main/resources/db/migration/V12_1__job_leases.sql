-- Which node runs a background job (master key re-wrap, payload re-encryption): a lease that its holder renews while
-- it works. Another node takes the job over once the lease has expired (the holder died), so one job runs at a time
-- across the nodes sharing the database. Times are epoch microseconds.
CREATE TABLE job_leases (
    name    TEXT   NOT NULL PRIMARY KEY,
    holder  TEXT   NOT NULL,
    expires BIGINT NOT NULL
);

-- The re-wrap job looks for KEKs under an older master key version.
CREATE INDEX project_keks_master_key_version ON project_keks (master_key_version);
