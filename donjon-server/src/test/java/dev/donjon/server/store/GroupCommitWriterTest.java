package dev.donjon.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQLite writer on its own, over a table of numbers. A write that holds the writer on a latch lets the others
 * queue up, so that the test knows exactly which writes share a commit.
 */
class GroupCommitWriterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path directory;
    private Jdbi jdbi;
    private GroupCommitWriter writer;

    @BeforeEach
    void openWriter() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + directory.resolve("writer.db"));
        jdbi = Database.jdbi(dataSource);
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE numbers (n INTEGER PRIMARY KEY)");
            handle.execute("CREATE TABLE parents (id INTEGER PRIMARY KEY)");
            handle.execute("""
                    CREATE TABLE children (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)""");
        });
        writer = new GroupCommitWriter(jdbi.open());
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @Test
    void aLoneWriteIsCommittedByTheTimeItReturns() {
        int written = writer.write(insert(1));

        assertThat(written).isEqualTo(1);
        assertThat(writer.commits()).isEqualTo(1);
        assertThat(committedNumbers()).containsExactly(1);
    }

    @Test
    void writesArrivingDuringACommitShareTheNextOne() throws Exception {
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor(); Held held = holdTheWriter()) {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int n = 1; n <= 63; n++) {
                writes.add(callers.submit(() -> writer.write(insert(held.nextNumber()))));
            }
            held.releaseOnce(63);

            for (Future<Integer> write : writes) {
                write.get();
            }
        }

        assertThat(writer.commits()).isEqualTo(2);
        assertThat(committedNumbers()).hasSize(64);
    }

    @Test
    void aFailingWriteIsRolledBackAloneAndGetsItsOwnException() throws Exception {
        RuntimeException failure = new IllegalStateException("this write fails after inserting");
        Future<Integer> failing;
        List<Future<Integer>> others = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor(); Held held = holdTheWriter()) {
            others.add(callers.submit(() -> writer.write(insert(10))));
            held.awaitQueued(1);
            failing = callers.submit(() -> writer.write(handle -> {
                insert(20).apply(handle);
                throw failure;
            }));
            held.awaitQueued(2);
            others.add(callers.submit(() -> writer.write(insert(30))));
            held.releaseOnce(3);

            assertThatThrownBy(failing::get).hasCause(failure);
            for (Future<Integer> other : others) {
                other.get();
            }
        }

        assertThat(writer.commits()).isEqualTo(2);
        assertThat(committedNumbers()).containsExactly(0, 10, 30);
    }

    @Test
    void whenTheGroupCannotCommitEveryWriteInItFailsAndTheWriterCarriesOn() throws Exception {
        Future<Integer> orphan;
        Future<Integer> innocent;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor(); Held held = holdTheWriter()) {
            // Deferred: the broken reference is only detected by the COMMIT that the whole group shares.
            orphan = callers.submit(() -> writer.write(handle -> handle.execute("INSERT INTO children VALUES (99)")));
            held.awaitQueued(1);
            innocent = callers.submit(() -> writer.write(insert(7)));
            held.releaseOnce(2);

            assertThatThrownBy(orphan::get).hasCauseInstanceOf(StoreException.class);
            assertThatThrownBy(innocent::get).hasCauseInstanceOf(StoreException.class);
        }

        assertThat(committedNumbers()).containsExactly(0);
        assertThat(writer.write(insert(8))).isEqualTo(1);
        assertThat(committedNumbers()).containsExactly(0, 8);
    }

    @Test
    void closingCommitsTheWritesAlreadyAcceptedAndRefusesLaterOnes() throws Exception {
        Future<Integer> accepted;
        Future<?> closing;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            try (Held held = holdTheWriter()) {
                accepted = callers.submit(() -> writer.write(insert(5)));
                held.awaitQueued(1);
                closing = callers.submit(writer::close);
            }
            closing.get();
        }

        assertThat(accepted.get()).isEqualTo(1);
        assertThat(committedNumbers()).containsExactly(0, 5);
        assertThatThrownBy(() -> writer.write(insert(6))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStatementRequestedBetweenGroupsRunsOnAnIdleWriterOutsideAnyTransaction() throws InterruptedException {
        writer.betweenGroups("INSERT INTO numbers (n) VALUES (7)");

        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!committedNumbers().contains(7) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(committedNumbers()).containsExactly(7);
        assertThat(writer.write(insert(8))).isEqualTo(1);
        assertThat(committedNumbers()).containsExactly(7, 8);
    }

    private static Function<Handle, Integer> insert(int n) {
        return handle -> handle.execute("INSERT INTO numbers (n) VALUES (?)", n);
    }

    private List<Integer> committedNumbers() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT n FROM numbers ORDER BY n").mapTo(Integer.class)
                .list());
    }

    /** Occupies the writer with a write of 0 that waits for a latch, so that whatever is written next queues up. */
    private Held holdTheWriter() {
        Held held = new Held();
        Thread.ofVirtual().start(() -> writer.write(handle -> {
            held.holding.countDown();
            await(held.release);
            return insert(0).apply(handle);
        }));
        await(held.holding);
        return held;
    }

    private final class Held implements AutoCloseable {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private int next = 100;

        synchronized int nextNumber() {
            return next++;
        }

        void awaitQueued(int count) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (writer.queued() < count) {
                assertThat(System.nanoTime()).as("writes queued in time").isLessThan(deadline);
                Thread.sleep(1);
            }
        }

        void releaseOnce(int queued) throws InterruptedException {
            awaitQueued(queued);
            release.countDown();
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
