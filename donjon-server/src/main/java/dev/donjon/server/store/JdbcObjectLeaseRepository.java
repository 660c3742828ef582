package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.ObjectLeaseRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

final class JdbcObjectLeaseRepository implements ObjectLeaseRepository {
    private final Handle handle;

    JdbcObjectLeaseRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void grant(SecretId id, String client, Instant expires) {
        handle.createUpdate("""
                        INSERT INTO object_leases (secret_id, client, expires) VALUES (?, ?, ?)
                        ON CONFLICT (secret_id, client) DO UPDATE SET expires = excluded.expires""")
                .bind(0, id.toString())
                .bind(1, client)
                .bind(2, EpochMicros.floor(expires))
                .execute();
    }

    @Override
    public Optional<Instant> expiry(SecretId id, String client) {
        return handle.createQuery("SELECT expires FROM object_leases WHERE secret_id = ? AND client = ?")
                .bind(0, id.toString())
                .bind(1, client)
                .mapTo(Long.class)
                .findOne()
                .map(EpochMicros::toInstant);
    }
}
