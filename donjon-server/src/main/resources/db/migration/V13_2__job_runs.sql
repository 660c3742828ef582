-- The last run of each scheduled job (domain.job.JobRuns), so that a restarted or another node knows when it is due.
CREATE TABLE job_runs (
    job       TEXT    NOT NULL PRIMARY KEY,
    holder    TEXT    NOT NULL,
    started   BIGINT  NOT NULL,
    finished  BIGINT  NOT NULL,
    processed INTEGER NOT NULL,
    failure   TEXT
);
-- The lifecycle jobs find what is due through these, never by scanning every project's secrets.
CREATE INDEX secrets_by_expiration_due ON secrets (expiration);
CREATE INDEX secrets_by_activation_due ON secrets (state, activation_date);
CREATE INDEX secrets_by_deactivation_due ON secrets (state, deactivation_date);
CREATE INDEX secrets_by_destroy_date ON secrets (state, destroy_date);
