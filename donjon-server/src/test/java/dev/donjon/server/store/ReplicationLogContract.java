package dev.donjon.server.store;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.ReplicationLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The replication change log against a real database: recorded by the audit append of each successful change of an
 * object, in that change's transaction and numbered as its audit event; nothing for reads, refusals or rolled-back
 * work; cursors that only move forward; the applied changes of a replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReplicationLogContract {
    private static final Instant T0 = SecretBuilder.T0;
    private final AtomicInteger recorded = new AtomicInteger();
    private JdbcStore store;

    abstract StoreConfig freshDatabase();

    @BeforeAll
    void open() {
        store = JdbcStore.open(freshDatabase());
    }

    @AfterAll
    void close() {
        store.close();
    }

    private static AuditEvent event(Action action, SecretId object, AuditEvent.Outcome outcome) {
        return new AuditEvent(T0, "req", "user", "project", null, null, null, action, object.toString(), outcome,
                null);
    }

    private long append(AuditEvent event) {
        return store.write(tx -> {
            tx.audit().append(event);
            return tx.audit().head().seq();
        });
    }

    private List<ReplicationLog.Change> changesAfter(long sequence) {
        return store.read(tx -> tx.replicationLog().after(sequence, 100));
    }

    @Test
    void changesAreRecordedInTheirTransactionNumberedAsTheirAuditEvent() {
        SecretId before = SecretId.random();
        long start = append(event(Action.SECRET_CREATE, before, AuditEvent.Outcome.SUCCESS));
        assertThat(changesAfter(start - 1)).as("no log before the server keeps one").isEmpty();

        store.recordChanges(recorded::incrementAndGet);
        SecretId a = SecretId.random();
        SecretId b = SecretId.random();
        long created = append(event(Action.SECRET_CREATE, a, AuditEvent.Outcome.SUCCESS));
        append(event(Action.SECRET_READ_PAYLOAD, a, AuditEvent.Outcome.SUCCESS));
        append(event(Action.SECRET_METADATA_WRITE, a, AuditEvent.Outcome.DENIED));
        long changed = append(event(Action.SECRET_METADATA_WRITE, a, AuditEvent.Outcome.SUCCESS));
        long other = append(event(Action.SECRET_ACTIVATE, b, AuditEvent.Outcome.SUCCESS));
        assertThatThrownBy(() -> store.write(tx -> {
            tx.audit().append(event(Action.SECRET_DELETE, b, AuditEvent.Outcome.SUCCESS));
            throw new IllegalStateException("the change fails after its audit event");
        })).isInstanceOf(IllegalStateException.class);
        long destroyed = append(event(Action.SECRET_DELETE, a, AuditEvent.Outcome.SUCCESS));

        assertThat(changesAfter(start)).containsExactly(new ReplicationLog.Change(created, a),
                new ReplicationLog.Change(changed, a), new ReplicationLog.Change(other, b),
                new ReplicationLog.Change(destroyed, a));
        assertThat(recorded.get()).as("told of each recorded change, the rolled-back one too").isEqualTo(5);
        assertThat(changesAfter(changed)).extracting(ReplicationLog.Change::sequence).containsExactly(other, destroyed);
        assertThat(log().head()).isEqualTo(destroyed);
        assertThat(log().changedAfter(b, other)).isFalse();
        assertThat(log().changedAfter(a, other)).isTrue();

        store.write(tx -> {
            tx.replicationLog().prune(changed);
            return null;
        });
        assertThat(changesAfter(0)).extracting(ReplicationLog.Change::sequence).containsExactly(other, destroyed);
    }

    @Test
    void cursorsMoveOnlyForward() {
        ReplicationLog.Cursor none = log().cursor("site-b");
        assertThat(none).isEqualTo(ReplicationLog.Cursor.START);
        advance("site-b", new ReplicationLog.Cursor(10, 1));
        advance("site-c", new ReplicationLog.Cursor(4, 0));
        advance("site-b", new ReplicationLog.Cursor(7, 3));
        assertThat(log().cursor("site-b")).isEqualTo(new ReplicationLog.Cursor(10, 1));
        advance("site-b", new ReplicationLog.Cursor(12, 2));
        assertThat(log().cursor("site-b")).isEqualTo(new ReplicationLog.Cursor(12, 2));
        assertThat(log().cursor("site-c")).isEqualTo(new ReplicationLog.Cursor(4, 0));
    }

    @Test
    void aReplicaRemembersTheNewestChangeAppliedPerOriginAndObject() {
        SecretId object = SecretId.random();
        assertThat(log().applied("site-a", object)).isEmpty();
        store.write(tx -> {
            tx.replicationLog().recordApplied("site-a", object, 5);
            tx.replicationLog().recordApplied("site-z", object, 2);
            return null;
        });
        store.write(tx -> {
            tx.replicationLog().recordApplied("site-a", object, 9);
            return null;
        });
        assertThat(log().applied("site-a", object)).isEqualTo(OptionalLong.of(9));
        assertThat(log().applied("site-z", object)).isEqualTo(OptionalLong.of(2));
    }

    @Test
    void aSubscribedPeerHoldsWhatItAcknowledgedUntilToldToRemoveIt() {
        SecretId kept = SecretId.random();
        SecretId removed = SecretId.random();
        store.write(tx -> {
            tx.replicationLog().recordHoldings("edge-1", List.of(kept, removed), List.of());
            tx.replicationLog().recordHoldings("edge-2", List.of(removed), List.of());
            return null;
        });
        store.write(tx -> {
            // Sent again (a batch resent after a lost answer): still held once.
            tx.replicationLog().recordHoldings("edge-1", List.of(kept), List.of(removed));
            return null;
        });
        assertThat(log().holds("edge-1", kept)).isTrue();
        assertThat(log().holds("edge-1", removed)).isFalse();
        assertThat(log().holds("edge-2", removed)).as("another peer's holdings").isTrue();
        assertThat(log().holds("edge-2", kept)).isFalse();
    }

    /** The log in a read transaction of its own per call. */
    private ReplicationLog log() {
        return (ReplicationLog) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ReplicationLog.class}, (proxy, method, args) -> store.read(tx -> {
                    try {
                        return method.invoke(tx.replicationLog(), args);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }));
    }

    private void advance(String peer, ReplicationLog.Cursor cursor) {
        store.write(tx -> {
            tx.replicationLog().advance(peer, cursor, T0);
            return null;
        });
    }
}
