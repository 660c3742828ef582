package dev.donjon.server.store;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.access.AuthMethod;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Audit events are appended in the caller's transaction: they commit, or vanish, with the change they record. */
final class JdbcAuditTrail implements AuditTrail {
    private static final RowMapper<AuditEvent> MAPPER = (rs, ctx) -> new AuditEvent(
            EpochMicros.toInstant(rs.getLong("at")),
            rs.getString("request_id"),
            rs.getString("actor_user"),
            rs.getString("actor_project"),
            authMethod(rs.getString("method")),
            Action.valueOf(rs.getString("action")),
            rs.getString("object_id"),
            AuditEvent.Outcome.valueOf(rs.getString("outcome")),
            rs.getString("detail"));

    private final Handle handle;

    JdbcAuditTrail(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void append(AuditEvent event) {
        handle.createUpdate("""
                        INSERT INTO audit_events (at, request_id, actor_user, actor_project, method, action, object_id,
                                                  outcome, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .bind(0, EpochMicros.floor(event.at()))
                .bind(1, event.requestId())
                .bind(2, event.actorUser())
                .bind(3, event.actorProject())
                .bind(4, event.method() == null ? null : event.method().name())
                .bind(5, event.action().name())
                .bind(6, event.objectId())
                .bind(7, event.outcome().name())
                .bind(8, event.detail())
                .execute();
    }

    @Override
    public List<AuditEvent> tail(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        List<AuditEvent> newestFirst = new ArrayList<>(handle.createQuery("""
                        SELECT at, request_id, actor_user, actor_project, method, action, object_id, outcome, detail
                        FROM audit_events ORDER BY seq DESC LIMIT ?""")
                .bind(0, count)
                .map(MAPPER)
                .list());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static AuthMethod authMethod(String name) {
        return name == null ? null : AuthMethod.valueOf(name);
    }
}
