package dev.donjon.server.store;

import dev.donjon.server.domain.audit.NotificationOutbox;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

final class JdbcNotificationOutbox implements NotificationOutbox {
    private final Handle handle;

    JdbcNotificationOutbox(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(String eventType, String message, Instant at) {
        handle.createUpdate("INSERT INTO notification_outbox (event_type, message, created) VALUES (?, ?, ?)")
                .bind(0, eventType)
                .bind(1, message)
                .bind(2, EpochMicros.floor(at))
                .execute();
    }

    @Override
    public List<Pending> oldest(int limit) {
        return handle.createQuery("SELECT seq, event_type, message FROM notification_outbox ORDER BY seq LIMIT ?")
                .bind(0, limit)
                .map((rs, ctx) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    @Override
    public Backlog backlog() {
        long pending = handle.createQuery("SELECT COUNT(*) FROM notification_outbox").mapTo(Long.class).one();
        // The oldest by seq (the primary key), not MIN(created), which no index serves.
        java.util.Optional<Instant> oldest = handle.createQuery(
                        "SELECT created FROM notification_outbox ORDER BY seq LIMIT 1")
                .mapTo(Long.class).findOne().map(EpochMicros::toInstant);
        return new Backlog(pending, oldest);
    }

    @Override
    public void remove(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        handle.createUpdate("DELETE FROM notification_outbox WHERE seq IN (<seqs>)").bindList("seqs", seqs).execute();
    }
}
