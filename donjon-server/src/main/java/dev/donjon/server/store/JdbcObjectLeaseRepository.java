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

    /** Read on every KMIP Get and use of a key (whether a lease binds the caller), hence plain JDBC. */
    @Override
    public Optional<Instant> expiry(SecretId id, String client) {
        return HotStatements.first(handle, "SELECT expires FROM object_leases WHERE secret_id = ? AND client = ?",
                rs -> EpochMicros.toInstant(rs.getLong(1)), id.toString(), client);
    }
}
