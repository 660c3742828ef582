package dev.donjon.server.store;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.audit.AppendListener;
import dev.donjon.server.domain.replication.ChangeCapture;
import dev.donjon.server.audit.AuditChain;
import dev.donjon.server.domain.audit.AuditCheckpoint;
import dev.donjon.server.domain.audit.AuditQuery;
import dev.donjon.server.domain.audit.ChainHead;
import dev.donjon.server.domain.audit.ChainedEvent;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.audit.AuditTrail;
import dev.donjon.server.domain.access.AuthMethod;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * The chain in the caller's transaction. An append locks the head row ({@code audit_chain_head}) until the
 * transaction ends: on PostgreSQL with {@code SELECT ... FOR UPDATE}, so concurrent appends of every node queue there
 * and each links to the one committed before it; on SQLite the single writer already serializes them, and its group
 * keeps the head it moved and writes the row once before it commits ({@link DeferredChainHead}).
 */
final class JdbcAuditTrail implements AuditTrail {
    private static final String COLUMNS = "seq, at, node, request_id, actor_user, actor_project, method, credential, "
            + "source, action, object_id, outcome, detail, prev_hash, hash";
    private static final RowMapper<AuditEvent> EVENT = (rs, ctx) -> new AuditEvent(
            EpochMicros.toInstant(rs.getLong("at")),
            rs.getString("request_id"),
            rs.getString("actor_user"),
            rs.getString("actor_project"),
            authMethod(rs.getString("method")),
            rs.getString("credential"),
            rs.getString("source"),
            Action.valueOf(rs.getString("action")),
            rs.getString("object_id"),
            AuditEvent.Outcome.valueOf(rs.getString("outcome")),
            rs.getString("detail"));
    private static final RowMapper<ChainedEvent> CHAINED = (rs, ctx) -> new ChainedEvent(rs.getLong("seq"),
            rs.getString("node"), EVENT.map(rs, ctx), rs.getString("prev_hash"), rs.getString("hash"));

    private static final String INSERT_SQLITE = "INSERT INTO audit_events (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Moves the head; on SQLite's writer once per group ({@link DeferredChainHead}), elsewhere once per append. */
    static final String UPDATE_HEAD = "UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1";
    /**
     * PostgreSQL: the events (one array per column, in {@link #COLUMNS}' order, two bigint then thirteen text) and
     * the head's move in one statement, whatever the number of events. Executed as a JDBC batch of one INSERT per
     * event, each row cost the backend a statement of its own (its executor started and ended, its table and three
     * indexes locked and opened) and the head's UPDATE another round trip. A data-modifying WITH runs to completion
     * although nothing reads it. PostgreSQL generates seq itself unless told otherwise; here the chain numbers its
     * events.
     */
    private static final String APPEND_POSTGRESQL = "WITH appended AS (INSERT INTO audit_events (" + COLUMNS + ")"
            + " OVERRIDING SYSTEM VALUE SELECT * FROM unnest(?::bigint[], ?::bigint[]" + ", ?::text[]".repeat(13)
            + ")) " + UPDATE_HEAD;

    private final Handle handle;
    private final Engine engine;
    private final String node;
    private final AppendListener listener;
    /** Told of each change recorded in the replication log; {@code null} when this server keeps no log. */
    private final Runnable changeRecorded;
    /** The head the transaction moved and has not written yet; {@code null} when each append writes the row. */
    private final DeferredChainHead deferred;

    JdbcAuditTrail(Handle handle, Engine engine, String node, AppendListener listener, Runnable changeRecorded,
                   DeferredChainHead deferred) {
        this.handle = handle;
        this.engine = engine;
        this.node = node;
        this.listener = listener;
        this.changeRecorded = changeRecorded;
        this.deferred = deferred;
    }

    @Override
    public void append(AuditEvent event) {
        appendAll(List.of(event));
    }

    /**
     * The group commit of audited reads ({@code AuditBatcher}): the head locked and updated once and the events
     * inserted together, where one {@link #append} each cost three statements per event, each a round trip on
     * PostgreSQL while the batch's transaction holds the head.
     */
    @Override
    public void appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        ChainHead head = lockedHead();
        long seq = head.seq();
        String previous = head.hash();
        List<Object[]> rows = new ArrayList<>(events.size());
        List<ChainedEvent> chained = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            seq++;
            String hash = AuditChain.hash(previous, seq, node, event);
            rows.add(row(seq, event, previous, hash));
            chained.add(new ChainedEvent(seq, node, event, previous, hash));
            previous = hash;
        }
        if (engine == Engine.POSTGRESQL) {
            // PostgreSQL never defers the head (only SQLite's single writer can, DeferredChainHead): it moves here.
            HotStatements.update(handle, APPEND_POSTGRESQL, columnArrays(rows, seq, previous));
        } else {
            HotStatements.batch(handle, INSERT_SQLITE, rows);
            moveHead(new ChainHead(head.originSeq(), seq, previous));
        }
        chained.forEach(this::appended);
    }

    /** {@link #APPEND_POSTGRESQL}'s parameters: the rows turned into one array per column, then the new head. */
    private Object[] columnArrays(List<Object[]> rows, long headSeq, String headHash) {
        int columns = rows.getFirst().length;
        Object[] parameters = new Object[columns + 2];
        try {
            Connection connection = handle.getConnection();
            for (int column = 0; column < columns; column++) {
                boolean number = column < 2;
                Object[] values = number ? new Long[rows.size()] : new String[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    values[i] = rows.get(i)[column];
                }
                parameters[column] = connection.createArrayOf(number ? "bigint" : "text", values);
            }
        } catch (SQLException e) {
            throw new StoreException("a write failed", e);
        }
        parameters[columns] = headSeq;
        parameters[columns + 1] = headHash;
        return parameters;
    }

    private void moveHead(ChainHead moved) {
        if (deferred != null) {
            deferred.moved(moved);
        } else {
            HotStatements.update(handle, UPDATE_HEAD, moved.seq(), moved.hash());
        }
    }

    private Object[] row(long seq, AuditEvent event, String previousHash, String hash) {
        return new Object[] {
                seq,
                AuditChain.micros(event.at()),
                node,
                event.requestId(),
                event.actorUser(),
                event.actorProject(),
                event.method() == null ? null : event.method().name(),
                event.credential(),
                event.source(),
                event.action().name(),
                event.objectId(),
                event.outcome().name(),
                event.detail(),
                previousHash,
                hash};
    }

    /** Tells the listener and, for a change, records it in the replication log, under the head's lock. */
    private void appended(ChainedEvent chained) {
        AuditEvent event = chained.event();
        long seq = chained.seq();
        listener.appended(chained, new JdbcNotificationOutbox(handle));
        if (changeRecorded != null) {
            // Under the head's lock, numbered as the event: the change log commits in sequence order.
            ChangeCapture.changed(event).ifPresent(object -> {
                JdbcReplicationLog.record(handle, seq, object);
                changeRecorded.run();
            });
        }
    }

    private ChainHead lockedHead() {
        if (deferred != null && deferred.current() != null) {
            return deferred.current();
        }
        String lock = engine == Engine.POSTGRESQL ? " FOR UPDATE" : "";
        return HotStatements.first(handle, "SELECT origin_seq, seq, hash FROM audit_chain_head WHERE id = 1" + lock,
                        rs -> new ChainHead(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .orElseThrow(() -> new IllegalStateException("the audit chain has no head row"));
    }

    @Override
    public ChainHead head() {
        if (deferred != null && deferred.current() != null) {
            return deferred.current();
        }
        return handle.createQuery("SELECT origin_seq, seq, hash FROM audit_chain_head WHERE id = 1")
                .map((rs, ctx) -> new ChainHead(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .one();
    }

    @Override
    public List<AuditEvent> tail(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        List<AuditEvent> newestFirst = new ArrayList<>(handle.createQuery("SELECT " + COLUMNS
                        + " FROM audit_events ORDER BY seq DESC LIMIT ?")
                .bind(0, count)
                .map(EVENT)
                .list());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Page<ChainedEvent> find(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (query.project() != null) {
            where.append(" AND actor_project = ?");
            values.add(query.project().value());
        }
        if (query.objectId() != null) {
            where.append(" AND object_id = ?");
            values.add(query.objectId());
        }
        if (query.action() != null) {
            where.append(" AND action = ?");
            values.add(query.action().name());
        }
        if (query.outcome() != null) {
            where.append(" AND outcome = ?");
            values.add(query.outcome().name());
        }
        Query page = handle.createQuery("SELECT " + COLUMNS + " FROM audit_events" + where
                + " ORDER BY seq DESC LIMIT ? OFFSET ?");
        Query count = handle.createQuery("SELECT COUNT(*) FROM audit_events" + where);
        for (int i = 0; i < values.size(); i++) {
            page.bind(i, values.get(i));
            count.bind(i, values.get(i));
        }
        List<ChainedEvent> items = page.bind(values.size(), query.limit()).bind(values.size() + 1, query.offset())
                .map(CHAINED).list();
        return new Page<>(items, count.mapTo(Long.class).one());
    }

    @Override
    public List<ChainedEvent> after(long afterSeq, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?")
                .bind(0, afterSeq)
                .bind(1, limit)
                .map(CHAINED)
                .list();
    }

    @Override
    public List<AuditCheckpoint> checkpoints() {
        return handle.createQuery("SELECT seq, hash, at, node, key_id, signature FROM audit_checkpoints ORDER BY seq")
                .map((rs, ctx) -> new AuditCheckpoint(rs.getLong(1), rs.getString(2),
                        EpochMicros.toInstant(rs.getLong(3)), rs.getString(4), rs.getString(5),
                        Base64.getDecoder().decode(rs.getString(6))))
                .list();
    }

    @Override
    public long lastCheckpointSeq() {
        return handle.createQuery("SELECT COALESCE(MAX(seq), -1) FROM audit_checkpoints").mapTo(Long.class).one();
    }

    @Override
    public void addCheckpoint(AuditCheckpoint checkpoint) {
        handle.createUpdate("""
                        INSERT INTO audit_checkpoints (seq, hash, at, node, key_id, signature)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING""")
                .bind(0, checkpoint.seq())
                .bind(1, checkpoint.hash())
                .bind(2, AuditChain.micros(checkpoint.at()))
                .bind(3, checkpoint.node())
                .bind(4, checkpoint.keyId())
                .bind(5, checkpoint.signatureBase64())
                .execute();
    }

    private static AuthMethod authMethod(String name) {
        return name == null ? null : AuthMethod.valueOf(name);
    }
}
