package dev.donjon.server.store;

import dev.donjon.server.domain.audit.AuditKeyRepository;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

final class JdbcAuditKeyRepository implements AuditKeyRepository {
    private final Handle handle;

    JdbcAuditKeyRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<StoredAuditKey> newest() {
        return handle.createQuery("""
                        SELECT key_id, master_key_version, wrapped_private, public_key, created
                        FROM audit_signing_keys ORDER BY created DESC, key_id LIMIT 1""")
                .map((rs, ctx) -> new StoredAuditKey(rs.getString(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4),
                        EpochMicros.toInstant(rs.getLong(5))))
                .findOne();
    }

    @Override
    public boolean insertFirst(StoredAuditKey key) {
        // Inserted only into an empty table, so that nodes starting together end up with one key.
        return handle.createUpdate("""
                        INSERT INTO audit_signing_keys (key_id, master_key_version, wrapped_private, public_key, created)
                        SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM audit_signing_keys)""")
                .bind(0, key.keyId())
                .bind(1, key.masterKeyVersion())
                .bind(2, key.wrappedPrivate())
                .bind(3, key.publicKey())
                .bind(4, EpochMicros.floor(key.created()))
                .execute() == 1;
    }

    @Override
    public java.util.List<StoredAuditKey> wrappedBefore(int masterKeyVersion) {
        return handle.createQuery("""
                        SELECT key_id, master_key_version, wrapped_private, public_key, created
                        FROM audit_signing_keys WHERE master_key_version < ? ORDER BY created, key_id""")
                .bind(0, masterKeyVersion)
                .map((rs, ctx) -> new StoredAuditKey(rs.getString(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4),
                        EpochMicros.toInstant(rs.getLong(5))))
                .list();
    }

    @Override
    public boolean rewrap(StoredAuditKey current, int newMasterKeyVersion, byte[] newWrapped) {
        return handle.createUpdate("""
                        UPDATE audit_signing_keys SET master_key_version = ?, wrapped_private = ?
                        WHERE key_id = ? AND master_key_version = ?""")
                .bind(0, newMasterKeyVersion)
                .bind(1, newWrapped)
                .bind(2, current.keyId())
                .bind(3, current.masterKeyVersion())
                .execute() == 1;
    }

    @Override
    public Map<String, byte[]> publicKeys() {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        handle.createQuery("SELECT key_id, public_key FROM audit_signing_keys ORDER BY created")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBytes(2)))
                .forEach(entry -> keys.put(entry.getKey(), entry.getValue()));
        return keys;
    }
}
