package dev.donjon.server.store;

import dev.donjon.server.domain.port.JobLeaseRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

final class JdbcJobLeaseRepository implements JobLeaseRepository {
    private final Handle handle;

    JdbcJobLeaseRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean acquire(String job, String holder, Instant now, Instant expires) {
        // One statement on both engines: the row is taken when absent, expired or already ours, and left alone
        // otherwise (0 rows changed). PostgreSQL locks the row, so two nodes never both win.
        return handle.createUpdate("""
                        INSERT INTO job_leases (name, holder, expires) VALUES (?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires
                        WHERE job_leases.holder = excluded.holder OR job_leases.expires < ?""")
                .bind(0, job)
                .bind(1, holder)
                .bind(2, EpochMicros.floor(expires))
                .bind(3, EpochMicros.floor(now))
                .execute() == 1;
    }

    @Override
    public void release(String job, String holder) {
        handle.createUpdate("DELETE FROM job_leases WHERE name = ? AND holder = ?").bind(0, job).bind(1, holder)
                .execute();
    }

    @Override
    public Optional<Lease> find(String job) {
        return handle.createQuery("SELECT name, holder, expires FROM job_leases WHERE name = ?")
                .bind(0, job)
                .map((rs, ctx) -> new Lease(rs.getString("name"), rs.getString("holder"),
                        EpochMicros.toInstant(rs.getLong("expires"))))
                .findOne();
    }
}
