-- One lease per background job, shared by every node on this database (domain.job.JobLeases): the holder runs the
-- job; another node may take the lease over once it expires. token is the fencing token, bumped at each new holding.
CREATE TABLE job_leases (
    job      TEXT   NOT NULL PRIMARY KEY,
    holder   TEXT   NOT NULL,
    token    BIGINT NOT NULL,
    acquired BIGINT NOT NULL,
    expires  BIGINT NOT NULL
);
