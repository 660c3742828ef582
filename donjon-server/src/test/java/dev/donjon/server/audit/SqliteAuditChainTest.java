package dev.donjon.server.audit;

import dev.donjon.server.domain.audit.ChainHead;
import dev.donjon.server.domain.audit.ChainedEvent;
import dev.donjon.server.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteAuditChainTest extends AuditChainContract {
    @TempDir
    Path directory;

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:sqlite:" + directory.resolve("donjon.db"), null, null, 2);
    }

    @Override
    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("donjon.db"));
    }

    /**
     * SQLite's writer writes the head row once per group: writes of one group that roll back, as a whole or a joined
     * savepoint of theirs, take their events back, and the events that stay still link into one chain whose head row
     * names the last of them. The writer is held by a first write so that the others queue up and share one commit.
     */
    @Test
    void writesOfOneGroupThatRollBackLeaveAnIntactChainAndAHeadAtItsLastEvent() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        store.instrument(metrics);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RuntimeException refused = new IllegalStateException("this write fails after appending");
        double commitsBefore = metrics.get("donjon.store.commits").functionCounter().count();
        List<Future<?>> kept = new ArrayList<>();
        List<Future<?>> failing = new ArrayList<>();
        List<Long> headsSeenInside = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            kept.add(callers.submit(() -> store.write(tx -> {
                holding.countDown();
                await(release);
                tx.audit().append(event(0));
                return null;
            })));
            await(holding);
            // The group's first write appends and fails: the head is the row again.
            failing.add(queue(metrics, 1, callers, () -> store.write(tx -> {
                tx.audit().append(event(100));
                throw refused;
            })));
            kept.add(queue(metrics, 2, callers, () -> store.write(tx -> {
                tx.audit().append(event(1));
                tx.audit().append(event(2));
                return null;
            })));
            // A later write appends and fails: the head goes back to the previous write's last event.
            failing.add(queue(metrics, 3, callers, () -> store.write(tx -> {
                tx.audit().append(event(101));
                tx.audit().append(event(102));
                throw refused;
            })));
            // Joined writes: the one that fails rolls back to its own savepoint, inside the group's write.
            kept.add(queue(metrics, 4, callers, () -> store.atomically(joined -> {
                joined.write(tx -> {
                    tx.audit().append(event(3));
                    return null;
                });
                assertThatThrownBy(() -> joined.write(tx -> {
                    tx.audit().append(event(103));
                    throw refused;
                })).isSameAs(refused);
                joined.write(tx -> {
                    headsSeenInside.add(tx.audit().head().seq());
                    tx.audit().append(event(4));
                    return null;
                });
                return null;
            })));
            kept.add(queue(metrics, 5, callers, () -> store.write(tx -> {
                tx.audit().append(event(5));
                headsSeenInside.add(tx.audit().head().seq());
                return null;
            })));
            kept.add(queue(metrics, 6, callers, () -> {
                store.record(event(6));
                return null;
            }));
            release.countDown();
            for (Future<?> write : kept) {
                write.get(10, TimeUnit.SECONDS);
            }
            for (Future<?> write : failing) {
                assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).hasCause(refused);
            }
        }

        // The held write committed alone, the six queued ones together.
        assertThat(metrics.get("donjon.store.commits").functionCounter().count()).isEqualTo(commitsBefore + 2);
        ChainVerifier.Report report = verifyLive();
        assertThat(report.intact()).as(report.describe()).isTrue();
        assertThat(report.events()).isEqualTo(7);
        List<ChainedEvent> events = store.read(tx -> tx.audit().after(origin, 100));
        assertThat(events.stream().map(c -> c.event().requestId()).toList())
                .containsExactly("req-0", "req-1", "req-2", "req-3", "req-4", "req-5", "req-6");
        assertThat(events.stream().map(ChainedEvent::seq).toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(origin + 1, origin + 7).boxed()
                        .toList());
        // Inside the group, the head read is the head the group moved, not the row as it was when the group began.
        assertThat(headsSeenInside).containsExactly(origin + 4, origin + 6);
        ChainHead head = store.read(tx -> tx.audit().head());
        assertThat(head.seq()).isEqualTo(origin + 7);
        assertThat(head.hash()).isEqualTo(hashAt(origin + 7)).isEqualTo(events.getLast().hash());
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit_chain_head WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(origin + 7);
            assertThat(rs.getString(2)).isEqualTo(events.getLast().hash());
        }

        // The next group starts from the row the last one wrote.
        store.write(tx -> {
            tx.audit().append(event(7));
            return null;
        });
        ChainVerifier.Report after = verifyLive();
        assertThat(after.intact()).as(after.describe()).isTrue();
        assertThat(after.events()).isEqualTo(8);
    }

    /** Submits {@code write} and waits until it is the {@code position}-th write queued behind the held one. */
    private static Future<?> queue(SimpleMeterRegistry metrics, int position, ExecutorService callers,
                                   java.util.concurrent.Callable<?> write) throws InterruptedException {
        Future<?> submitted = callers.submit(write);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metrics.get("donjon.store.write.queue").gauge().value() < position) {
            assertThat(System.nanoTime()).as("write %d queued in time", position).isLessThan(deadline);
            Thread.sleep(1);
        }
        return submitted;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
