package dev.donjon.server.store;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretQuery;
import dev.donjon.server.domain.barbican.SecretQuery.Comparison;
import dev.donjon.server.domain.barbican.SecretQuery.SortField;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.donjon.server.store.SecretBuilder.T0;
import static dev.donjon.server.store.StoreContract.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the embedded engine is set up: what SQLite itself must be told to make the store durable and fast. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteDatabaseTest {
    @TempDir
    static Path directory;
    private SqliteDatabase database;

    @BeforeAll
    void open() {
        database = SqliteDatabase.open(StoreConfig.of("jdbc:sqlite:" + directory.resolve("donjon.db")));
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void theWriterCommitsDurablyToAWriteAheadLogAndEnforcesForeignKeys() {
        assertThat(writerPragma("journal_mode")).isEqualTo("wal");
        assertThat(writerPragma("synchronous")).as("FULL").isEqualTo("2");
        assertThat(writerPragma("foreign_keys")).isEqualTo("1");
    }

    @Test
    void theWriterOnlyAppendsToTheLogAndTheCheckpointerCopiesItIntoTheDatabaseFile() throws Exception {
        assertThat(writerPragma("wal_autocheckpoint")).isEqualTo("0");
        Path file = directory.resolve("donjon.db");
        long before = java.nio.file.Files.size(file);

        // About 2,000 pages of log: more than SQLite's automatic checkpoint would have let grow.
        String detail = "x".repeat(4_000);
        for (int group = 0; group < 20; group++) {
            database.write(handle -> {
                for (int i = 0; i < 100; i++) {
                    handle.execute("INSERT INTO audit_events (at, action, outcome, detail) VALUES (0, 'AUTHENTICATE',"
                            + " 'FAILED', ?)", detail);
                }
                return null;
            });
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (java.nio.file.Files.size(file) < before + 2_000L * 4_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(java.nio.file.Files.size(file)).as("the rows reached the database file")
                .isGreaterThanOrEqualTo(before + 2_000L * 4_000);
    }

    @Test
    void aWriteThatFailsAfterChangingManyPagesIsRolledBackFromTheWritersInMemoryJournal() {
        assertThat(writerPragma("temp_store")).as("MEMORY").isEqualTo("2");
        String detail = "y".repeat(2_000);
        long first = database.write(handle -> {
            for (int i = 0; i < 200; i++) {
                handle.execute("INSERT INTO audit_events (at, action, outcome, detail) VALUES (0, 'AUTHENTICATE',"
                        + " 'FAILED', ?)", detail);
            }
            return handle.createQuery("SELECT max(seq) FROM audit_events").mapTo(Long.class).one() - 199;
        });

        // About 100 pages changed inside the write's savepoint: more than SQLite keeps in memory before spilling
        // a statement journal to a file, unless the connection keeps its temporary files in memory.
        assertThatThrownBy(() -> database.write(handle -> {
            handle.execute("UPDATE audit_events SET detail = 'overwritten' WHERE seq >= ?", first);
            throw new IllegalStateException("the write fails after its changes");
        })).hasMessageContaining("the write fails after its changes");

        int untouched = database.write(handle -> handle.createQuery("SELECT count(*) FROM audit_events WHERE seq >= ?"
                + " AND detail = ?").bind(0, first).bind(1, detail).mapTo(Integer.class).one());
        assertThat(untouched).isEqualTo(200);
    }

    @Test
    void readsCannotWrite() {
        assertThatThrownBy(() -> database.read(handle -> handle.execute(
                "INSERT INTO api_tokens (token_id, secret_hash, project, roles, created) VALUES ('t', x'00', 'p', '', 0)")))
                .isInstanceOf(JdbiException.class);
    }

    @Test
    void aReadStartedInsideAnotherJoinsItsTransaction() {
        List<Boolean> sameHandle = database.read(outer -> database.read(inner -> List.of(inner == outer,
                inner.isInTransaction())));

        assertThat(sameHandle).containsExactly(true, true);
    }

    @Test
    void aFailedReadLeavesNoTransactionOpenForTheNextReadOnItsConnection() {
        // More reads than the pool has connections: each connection serves a failed read and then a good one.
        for (int i = 0; i < 3 * StoreConfig.of("jdbc:sqlite:x").poolSize(); i++) {
            assertThatThrownBy(() -> database.read(handle -> handle.createQuery("SELECT * FROM no_such_table")
                    .mapTo(Long.class).one())).isInstanceOf(JdbiException.class);
            List<Boolean> next = database.read(handle -> List.of(handle.isInTransaction(), handle.createQuery(
                    "SELECT COUNT(*) FROM audit_events").mapTo(Long.class).one() >= 0));
            assertThat(next).containsExactly(true, true);
        }
    }

    @Test
    void readsDoNotWaitForAWriteInProgressAndDoNotSeeIt() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> database.write(handle -> {
            handle.execute("INSERT INTO audit_events (at, action, outcome) VALUES (0, 'AUTHENTICATE', 'FAILED')");
            written.countDown();
            awaitQuietly(release);
            return 1;
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();

        long uncommitted = database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM audit_events")
                .mapTo(Long.class).one());

        release.countDown();
        write.get(10, TimeUnit.SECONDS);
        long committed = database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM audit_events")
                .mapTo(Long.class).one());
        assertThat(committed).isEqualTo(uncommitted + 1);
    }

    static Stream<SecretQuery> listings() {
        return Stream.of(
                SecretQuery.all(0, 10),
                query().name("n").build(),
                query().algorithm("aes").bitLength(256).build(),
                query().created(Comparison.GTE, T0).build(),
                query().expiration(Comparison.LT, T0).build(),
                query().sort(SortField.NAME, true).sort(SortField.UPDATED, false).build());
    }

    @ParameterizedTest
    @MethodSource("listings")
    void everyListingSearchesAnIndexThatStartsWithTheProject(SecretQuery query) {
        SecretListingSql sql = new SecretListingSql(new ProjectId("p"), query, T0);

        List<String> countPlan = database.read(handle -> plan(handle, sql.countSql(), sql.parameters()));
        List<String> pagePlan = database.read(handle -> plan(handle, sql.pageSql(),
                Stream.concat(sql.parameters().stream(), Stream.of(10, 0)).toList()));

        for (List<String> plan : List.of(countPlan, pagePlan)) {
            assertThat(plan).filteredOn(step -> step.contains("secrets")).isNotEmpty()
                    .allMatch(step -> step.matches("SEARCH secrets USING (COVERING )?INDEX secrets_by_project_\\w+ "
                            + "\\(project=\\?.*"), "searches a project index");
        }
    }

    private String writerPragma(String name) {
        return database.write(handle -> handle.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }

    private static List<String> plan(Handle handle, String sql, List<Object> parameters) {
        var query = handle.createQuery("EXPLAIN QUERY PLAN " + sql);
        for (int i = 0; i < parameters.size(); i++) {
            query.bind(i, parameters.get(i));
        }
        return query.map((rs, ctx) -> rs.getString("detail")).list();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
