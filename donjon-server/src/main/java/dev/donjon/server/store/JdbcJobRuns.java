package dev.donjon.server.store;

import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobRun;
import dev.donjon.server.domain.job.JobRuns;
import org.jdbi.v3.core.JdbiException;

import java.util.Optional;

/**
 * {@link JobRuns} in the {@code job_runs} table. Recording first touches the job's lease row with the holder and token
 * it names, which takes that row's lock on PostgreSQL (SQLite has one writer), so a takeover cannot commit in between.
 */
final class JdbcJobRuns implements JobRuns {
    private final Database database;

    JdbcJobRuns(Database database) {
        this.database = database;
    }

    @Override
    public Optional<JobRun> last(String job) {
        try {
            return database.read(handle -> handle.createQuery(
                            "SELECT holder, started, finished, processed, failure FROM job_runs WHERE job = ?")
                    .bind(0, job)
                    .map((rs, ctx) -> new JobRun(job, rs.getString(1), EpochMicros.toInstant(rs.getLong(2)),
                            EpochMicros.toInstant(rs.getLong(3)), rs.getInt(4), rs.getString(5)))
                    .findOne());
        } catch (JdbiException e) {
            throw new StoreException("cannot read a job's last run", e);
        }
    }

    @Override
    public boolean record(JobLease lease, JobRun run) {
        try {
            return database.write(handle -> {
                int held = handle.createUpdate(
                                "UPDATE job_leases SET token = token WHERE job = ? AND holder = ? AND token = ?")
                        .bind(0, lease.job())
                        .bind(1, lease.holder())
                        .bind(2, lease.token())
                        .execute();
                if (held != 1) {
                    return false;
                }
                handle.createUpdate("""
                                INSERT INTO job_runs (job, holder, started, finished, processed, failure)
                                VALUES (?, ?, ?, ?, ?, ?)
                                ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, started = excluded.started,
                                    finished = excluded.finished, processed = excluded.processed,
                                    failure = excluded.failure""")
                        .bind(0, run.job())
                        .bind(1, run.holder())
                        .bind(2, EpochMicros.floor(run.started()))
                        .bind(3, EpochMicros.floor(run.finished()))
                        .bind(4, run.processed())
                        .bind(5, run.failure())
                        .execute();
                return true;
            });
        } catch (JdbiException e) {
            throw new StoreException("cannot record a job's run", e);
        }
    }
}
