package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.EdgeUsageRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;

final class JdbcEdgeUsageRepository implements EdgeUsageRepository {
    private final Handle handle;

    JdbcEdgeUsageRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void renew(SecretId object) {
        handle.createUpdate("""
                        INSERT INTO edge_usage (object_id, consumed, total) VALUES (?, 0, 0)
                        ON CONFLICT (object_id) DO UPDATE SET consumed = 0""")
                .bind(0, object.toString())
                .execute();
    }

    @Override
    public boolean consume(SecretId object, long allowed) {
        handle.createUpdate("INSERT INTO edge_usage (object_id, consumed, total) VALUES (?, 0, 0) "
                        + "ON CONFLICT (object_id) DO NOTHING")
                .bind(0, object.toString())
                .execute();
        // One conditional UPDATE: PostgreSQL re-checks the condition on the row it locked, SQLite has one writer, so
        // two concurrent uses of the last unit cannot both succeed.
        return handle.createUpdate("UPDATE edge_usage SET consumed = consumed + 1, total = total + 1 "
                        + "WHERE object_id = ? AND consumed < ?")
                .bind(0, object.toString())
                .bind(1, allowed)
                .execute() == 1;
    }

    @Override
    public long consumed(SecretId object) {
        return handle.createQuery("SELECT consumed FROM edge_usage WHERE object_id = ?")
                .bind(0, object.toString())
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    @Override
    public List<Total> totals(dev.donjon.server.domain.ProjectId project, String owner) {
        org.jdbi.v3.core.statement.Query query = handle.createQuery("""
                        SELECT u.object_id, u.total FROM edge_usage u
                        JOIN object_text_attributes t ON t.secret_id = u.object_id AND t.name = ? AND t.value = ?
                        WHERE u.total > 0""" + (project == null ? "" : " AND t.project = ?") + " ORDER BY u.object_id")
                .bind(0, dev.donjon.server.domain.object.Ownership.OWNER)
                .bind(1, owner);
        if (project != null) {
            query.bind(2, project.value());
        }
        return query.map((rs, ctx) -> new Total(SecretId.parse(rs.getString(1)).orElseThrow(), rs.getLong(2)))
                .list();
    }

    @Override
    public List<String> ownersOwed() {
        return handle.createQuery("""
                        SELECT DISTINCT t.value FROM edge_usage u
                        JOIN object_text_attributes t ON t.secret_id = u.object_id AND t.name = ?
                        WHERE u.total > u.acknowledged ORDER BY t.value""")
                .bind(0, dev.donjon.server.domain.object.Ownership.OWNER)
                .mapTo(String.class)
                .list();
    }

    @Override
    public void acknowledge(SecretId object, long total) {
        handle.createUpdate("UPDATE edge_usage SET acknowledged = ? WHERE object_id = ? AND acknowledged < ?")
                .bind(0, total)
                .bind(1, object.toString())
                .bind(2, total)
                .execute();
    }

    @Override
    public boolean recordReported(SecretId object, String edge, long usesTotal, Instant reported) {
        return handle.createUpdate("""
                        INSERT INTO edge_usage_reports (object_id, edge, uses_total, reported) VALUES (?, ?, ?, ?)
                        ON CONFLICT (object_id, edge) DO UPDATE SET uses_total = excluded.uses_total,
                            reported = excluded.reported
                        WHERE edge_usage_reports.uses_total < excluded.uses_total""")
                .bind(0, object.toString())
                .bind(1, edge)
                .bind(2, usesTotal)
                .bind(3, EpochMicros.floor(reported))
                .execute() == 1;
    }

    @Override
    public List<Reported> reported(SecretId object) {
        return handle.createQuery("SELECT edge, uses_total, reported FROM edge_usage_reports WHERE object_id = ? "
                        + "ORDER BY edge")
                .bind(0, object.toString())
                .map((rs, ctx) -> new Reported(rs.getString(1), rs.getLong(2), EpochMicros.toInstant(rs.getLong(3))))
                .list();
    }
}
