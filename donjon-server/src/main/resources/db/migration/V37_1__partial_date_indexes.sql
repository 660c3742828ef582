-- Every new secret carries a row in each index of secrets, on the SQLite writer that every write waits for. Ten of
-- them serve only queries that compare their column with a value (Locate's date ranges and revocation reason, the
-- lifecycle jobs' "due by" sweeps), which no NULL ever matches, while most objects have no such date or reason: a
-- secret stored over REST has none of them. Kept partial, without their NULL rows, a new object without them skips
-- those ten indexes. Both engines use a partial index for a query whose conditions imply its WHERE (a comparison with
-- the column implies that the column IS NOT NULL); SqliteLocatePlanTest and SqliteLifecycleJobsTest hold the plans.
DROP INDEX secrets_by_project_activation_date;
CREATE INDEX secrets_by_project_activation_date ON secrets (project, activation_date)
    WHERE activation_date IS NOT NULL;
DROP INDEX secrets_by_project_deactivation_date;
CREATE INDEX secrets_by_project_deactivation_date ON secrets (project, deactivation_date)
    WHERE deactivation_date IS NOT NULL;
DROP INDEX secrets_by_project_destroy_date;
CREATE INDEX secrets_by_project_destroy_date ON secrets (project, destroy_date)
    WHERE destroy_date IS NOT NULL;
DROP INDEX secrets_by_project_compromise_occurrence_date;
CREATE INDEX secrets_by_project_compromise_occurrence_date ON secrets (project, compromise_occurrence_date)
    WHERE compromise_occurrence_date IS NOT NULL;
DROP INDEX secrets_by_project_compromise_date;
CREATE INDEX secrets_by_project_compromise_date ON secrets (project, compromise_date)
    WHERE compromise_date IS NOT NULL;
DROP INDEX secrets_by_project_revocation_reason;
CREATE INDEX secrets_by_project_revocation_reason ON secrets (project, revocation_reason)
    WHERE revocation_reason IS NOT NULL;
DROP INDEX secrets_by_expiration_due;
CREATE INDEX secrets_by_expiration_due ON secrets (expiration)
    WHERE expiration IS NOT NULL;
DROP INDEX secrets_by_activation_due;
CREATE INDEX secrets_by_activation_due ON secrets (state, activation_date)
    WHERE activation_date IS NOT NULL;
DROP INDEX secrets_by_deactivation_due;
CREATE INDEX secrets_by_deactivation_due ON secrets (state, deactivation_date)
    WHERE deactivation_date IS NOT NULL;
DROP INDEX secrets_by_destroy_date;
CREATE INDEX secrets_by_destroy_date ON secrets (state, destroy_date)
    WHERE destroy_date IS NOT NULL;
