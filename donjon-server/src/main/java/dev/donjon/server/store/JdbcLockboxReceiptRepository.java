package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.LockboxReceiptRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

final class JdbcLockboxReceiptRepository implements LockboxReceiptRepository {
    private final Handle handle;

    JdbcLockboxReceiptRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean seen(String origin, String lockboxId) {
        return handle.createQuery("SELECT 1 FROM lockbox_receipts WHERE origin = ? AND lockbox_id = ?")
                .bind(0, origin)
                .bind(1, lockboxId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    @Override
    public java.util.Optional<Instant> latestIssued(SecretId object) {
        return handle.createQuery("SELECT MAX(issued) FROM lockbox_receipts WHERE object_id = ?")
                .bind(0, object.toString())
                .mapTo(Long.class)
                .findOne()
                .map(EpochMicros::toInstant);
    }

    @Override
    public boolean claim(String origin, String lockboxId, Instant issued, Instant received, SecretId object) {
        // ON CONFLICT DO NOTHING on both engines: a concurrent import of the same lockbox inserts nothing, and is
        // told so, instead of failing on the primary key with an engine-specific error.
        return handle.createUpdate("""
                        INSERT INTO lockbox_receipts (origin, lockbox_id, issued, received, object_id)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin, lockbox_id) DO NOTHING""")
                .bind(0, origin)
                .bind(1, lockboxId)
                .bind(2, EpochMicros.floor(issued))
                .bind(3, EpochMicros.floor(received))
                .bind(4, object.toString())
                .execute() == 1;
    }
}
