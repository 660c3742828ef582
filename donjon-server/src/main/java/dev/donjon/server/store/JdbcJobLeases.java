package dev.donjon.server.store;

import dev.donjon.server.domain.job.JobLease;
import dev.donjon.server.domain.job.JobLeases;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link JobLeases} in the {@code job_leases} table. Acquiring is one upsert whose {@code WHERE} admits only a free,
 * expired or own lease: on PostgreSQL the conflicting row is locked and the condition re-checked against the committed
 * row, so of two racing nodes exactly one updates it; on SQLite the write lock serialises them.
 */
final class JdbcJobLeases implements JobLeases {
    private final Database database;

    JdbcJobLeases(Database database) {
        this.database = database;
    }

    @Override
    public Optional<JobLease> acquire(String job, String holder, Instant now, Duration ttl) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(holder, "holder");
        long at = EpochMicros.floor(now);
        long expires = expiry(now, ttl);
        return write("acquire a job lease", handle -> {
            int changed = handle.createUpdate("""
                            INSERT INTO job_leases (job, holder, token, acquired, expires)
                            VALUES (:job, :holder, 1, :now, :expires)
                            ON CONFLICT (job) DO UPDATE SET
                                token = CASE WHEN job_leases.holder = excluded.holder AND job_leases.expires > :now
                                             THEN job_leases.token ELSE job_leases.token + 1 END,
                                acquired = CASE WHEN job_leases.holder = excluded.holder AND job_leases.expires > :now
                                             THEN job_leases.acquired ELSE excluded.acquired END,
                                holder = excluded.holder,
                                expires = excluded.expires
                            WHERE job_leases.expires <= :now OR job_leases.holder = excluded.holder""")
                    .bind("job", job)
                    .bind("holder", holder)
                    .bind("now", at)
                    .bind("expires", expires)
                    .execute();
            return changed == 1 ? find(handle, job) : Optional.empty();
        });
    }

    @Override
    public Optional<JobLease> renew(JobLease lease, Instant now, Duration ttl) {
        long expires = expiry(now, ttl);
        return write("renew a job lease", handle -> {
            int changed = handle.createUpdate(
                            "UPDATE job_leases SET expires = ? WHERE job = ? AND holder = ? AND token = ?")
                    .bind(0, expires)
                    .bind(1, lease.job())
                    .bind(2, lease.holder())
                    .bind(3, lease.token())
                    .execute();
            return changed == 1 ? find(handle, lease.job()) : Optional.empty();
        });
    }

    @Override
    public boolean release(JobLease lease) {
        // Expired rather than deleted, so that the next holding's token still grows.
        return write("release a job lease", handle -> handle.createUpdate(
                        "UPDATE job_leases SET expires = 0 WHERE job = ? AND holder = ? AND token = ?")
                .bind(0, lease.job())
                .bind(1, lease.holder())
                .bind(2, lease.token())
                .execute() == 1);
    }

    @Override
    public Optional<JobLease> current(String job) {
        try {
            return database.read(handle -> find(handle, job));
        } catch (JdbiException e) {
            throw new StoreException("cannot read a job lease", e);
        }
    }

    private static Optional<JobLease> find(Handle handle, String job) {
        return handle.createQuery("SELECT holder, token, expires FROM job_leases WHERE job = ?")
                .bind(0, job)
                .map((rs, ctx) -> new JobLease(job, rs.getString(1), rs.getLong(2),
                        EpochMicros.toInstant(rs.getLong(3))))
                .findOne();
    }

    private static long expiry(Instant now, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a lease's ttl must be positive");
        }
        return EpochMicros.floor(now.plus(ttl));
    }

    private <T> T write(String what, Function<Handle, T> work) {
        try {
            return database.write(work);
        } catch (JdbiException e) {
            throw new StoreException("cannot " + what, e);
        }
    }
}
