package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.ReplicationLog;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** The change log, the push cursors and the applied changes (V20_1) in the caller's transaction. */
final class JdbcReplicationLog implements ReplicationLog {
    private final Handle handle;

    JdbcReplicationLog(Handle handle) {
        this.handle = handle;
    }

    /** Called by the audit append, under the chain head's lock: {@code sequence} is the audit event's. */
    static void record(Handle handle, long sequence, SecretId object) {
        HotStatements.update(handle, "INSERT INTO replication_changes (seq, object_id) VALUES (?, ?)", sequence,
                object.toString());
    }

    @Override
    public List<Change> after(long sequence, int limit) {
        return handle.createQuery("SELECT seq, object_id FROM replication_changes WHERE seq > ? ORDER BY seq LIMIT ?")
                .bind(0, sequence)
                .bind(1, limit)
                .map((rs, ctx) -> new Change(rs.getLong(1), SecretId.parse(rs.getString(2)).orElseThrow()))
                .list();
    }

    @Override
    public long head() {
        return handle.createQuery("SELECT COALESCE(MAX(seq), 0) FROM replication_changes").mapTo(Long.class).one();
    }

    @Override
    public Cursor cursor(String peer) {
        return handle.createQuery("SELECT seq, refused FROM replication_cursors WHERE peer = ?")
                .bind(0, peer)
                .map((rs, ctx) -> new Cursor(rs.getLong(1), rs.getLong(2)))
                .findOne()
                .orElse(Cursor.START);
    }

    @Override
    public boolean hasCursor(String peer) {
        return handle.createQuery("SELECT 1 FROM replication_cursors WHERE peer = ?").bind(0, peer)
                .mapTo(Integer.class).findOne().isPresent();
    }

    @Override
    public java.util.Optional<Seed> seed(String peer) {
        return handle.createQuery("SELECT snapshot_seq, after_id FROM replication_seeds WHERE peer = ?")
                .bind(0, peer)
                .map((rs, ctx) -> new Seed(rs.getLong(1), rs.getString(2)))
                .findOne();
    }

    @Override
    public void startSeed(String peer, long snapshot, Instant at) {
        handle.createUpdate("INSERT INTO replication_seeds (peer, snapshot_seq, after_id, started) VALUES (?, ?, '', ?)"
                        + " ON CONFLICT (peer) DO NOTHING")
                .bind(0, peer)
                .bind(1, snapshot)
                .bind(2, EpochMicros.floor(at))
                .execute();
    }

    @Override
    public void seeded(String peer, String after) {
        handle.createUpdate("UPDATE replication_seeds SET after_id = ? WHERE peer = ? AND after_id < ?")
                .bind(0, after)
                .bind(1, peer)
                .bind(2, after)
                .execute();
    }

    @Override
    public void finishSeed(String peer, Instant at) {
        seed(peer).ifPresent(seed -> {
            advance(peer, new Cursor(seed.snapshot(), 0), at);
            handle.createUpdate("DELETE FROM replication_seeds WHERE peer = ?").bind(0, peer).execute();
        });
    }

    @Override
    public List<SecretId> objectsAfter(String after, int limit) {
        return handle.createQuery("SELECT id FROM secrets WHERE id > ? ORDER BY id LIMIT ?")
                .bind(0, after)
                .bind(1, limit)
                .map((rs, ctx) -> SecretId.parse(rs.getString(1)).orElseThrow())
                .list();
    }

    @Override
    public void advance(String peer, Cursor cursor, Instant at) {
        int updated = handle.createUpdate("UPDATE replication_cursors SET seq = ?, refused = ?, updated = ?"
                        + " WHERE peer = ? AND seq <= ?")
                .bind(0, cursor.sequence())
                .bind(1, cursor.refused())
                .bind(2, EpochMicros.floor(at))
                .bind(3, peer)
                .bind(4, cursor.sequence())
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO replication_cursors (peer, seq, refused, updated) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (peer) DO NOTHING")
                    .bind(0, peer)
                    .bind(1, cursor.sequence())
                    .bind(2, cursor.refused())
                    .bind(3, EpochMicros.floor(at))
                    .execute();
        }
    }

    @Override
    public void prune(long sequence) {
        handle.createUpdate("DELETE FROM replication_changes WHERE seq <= ?").bind(0, sequence).execute();
    }

    @Override
    public boolean changedAfter(SecretId object, long sequence) {
        return handle.createQuery("SELECT 1 FROM replication_changes WHERE object_id = ? AND seq > ? LIMIT 1")
                .bind(0, object.toString())
                .bind(1, sequence)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    @Override
    public OptionalLong applied(String origin, SecretId object) {
        return handle.createQuery("SELECT seq FROM replication_applied WHERE origin = ? AND object_id = ?")
                .bind(0, origin)
                .bind(1, object.toString())
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    @Override
    public boolean holds(String peer, SecretId object) {
        return handle.createQuery("SELECT 1 FROM replication_peer_holdings WHERE peer = ? AND object_id = ?")
                .bind(0, peer)
                .bind(1, object.toString())
                .mapTo(Integer.class).findOne().isPresent();
    }

    @Override
    public void recordHoldings(String peer, java.util.Collection<SecretId> kept,
                               java.util.Collection<SecretId> removed) {
        if (!kept.isEmpty()) {
            org.jdbi.v3.core.statement.PreparedBatch insert = handle.prepareBatch(
                    "INSERT INTO replication_peer_holdings (peer, object_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
            kept.forEach(object -> insert.bind(0, peer).bind(1, object.toString()).add());
            insert.execute();
        }
        if (!removed.isEmpty()) {
            org.jdbi.v3.core.statement.PreparedBatch delete = handle.prepareBatch(
                    "DELETE FROM replication_peer_holdings WHERE peer = ? AND object_id = ?");
            removed.forEach(object -> delete.bind(0, peer).bind(1, object.toString()).add());
            delete.execute();
        }
    }

    @Override
    public void recordApplied(String origin, SecretId object, long sequence) {
        int updated = handle.createUpdate("UPDATE replication_applied SET seq = ? WHERE origin = ? AND object_id = ?")
                .bind(0, sequence)
                .bind(1, origin)
                .bind(2, object.toString())
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO replication_applied (origin, object_id, seq) VALUES (?, ?, ?)")
                    .bind(0, origin)
                    .bind(1, object.toString())
                    .bind(2, sequence)
                    .execute();
        }
    }
}
