package dev.donjon.server.store;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.port.DeviceReleaseRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class JdbcDeviceReleaseRepository implements DeviceReleaseRepository {
    /** A reason is for the operator; a device's long error text is cut rather than stored whole. */
    private static final int MAX_REASON = 500;

    private final Handle handle;

    JdbcDeviceReleaseRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(PayloadBinding binding, SealedPayload sealed, Instant at) {
        handle.createUpdate("""
                        INSERT INTO device_releases (secret_id, project, type, kek_version, sealed, queued, attempts)
                        VALUES (?, ?, ?, ?, ?, ?, 0)
                        ON CONFLICT (secret_id) DO NOTHING""")
                .bind(0, binding.id().toString())
                .bind(1, binding.project().value())
                .bind(2, binding.type().name())
                .bind(3, sealed.kekVersion())
                .bind(4, sealed.ciphertext())
                .bind(5, EpochMicros.floor(at))
                .execute();
    }

    @Override
    public List<Pending> oldest(int limit) {
        return handle.createQuery("""
                        SELECT secret_id, project, type, kek_version, sealed, queued, attempts, last_error
                        FROM device_releases ORDER BY queued, secret_id LIMIT ?""")
                .bind(0, limit)
                .map((rs, ctx) -> new Pending(
                        new PayloadBinding(new SecretId(UUID.fromString(rs.getString("secret_id"))),
                                new ProjectId(rs.getString("project")), SecretType.valueOf(rs.getString("type"))),
                        new SealedPayload(rs.getInt("kek_version"), rs.getBytes("sealed")),
                        EpochMicros.toInstant(rs.getLong("queued")), rs.getInt("attempts"),
                        rs.getString("last_error")))
                .list();
    }

    @Override
    public void remove(SecretId id) {
        handle.createUpdate("DELETE FROM device_releases WHERE secret_id = ?").bind(0, id.toString()).execute();
    }

    @Override
    public void failed(SecretId id, String reason) {
        String cut = reason == null ? null : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        handle.createUpdate("UPDATE device_releases SET attempts = attempts + 1, last_error = ? WHERE secret_id = ?")
                .bind(0, cut)
                .bind(1, id.toString())
                .execute();
    }

    @Override
    public long count() {
        return handle.createQuery("SELECT COUNT(*) FROM device_releases").mapTo(Long.class).one();
    }
}
