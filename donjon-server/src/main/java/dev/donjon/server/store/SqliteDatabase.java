package dev.donjon.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A SQLite file in WAL mode: one connection writes, through the {@link GroupCommitWriter}; a small pool of read-only
 * connections reads, each read on its own snapshot, without ever waiting for the writer.
 */
final class SqliteDatabase implements Database {
    /** How long to wait for another process (the CLI, say) that holds the write lock, before failing. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int INCREMENTAL = 2;
    /** Every interval, at most this many free pages (4 MB of 4 KB pages) go back: a short pause for the writer. */
    private static final java.time.Duration MAINTENANCE_INTERVAL = java.time.Duration.ofMinutes(5);
    private static final int PAGES_PER_RUN = 1_024;
    /** Bytes of write-ahead log kept when SQLite resets it: a log that a burst of writes grew is cut back to this. */
    private static final long WAL_SIZE_LIMIT = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

    private final GroupCommitWriter writer;
    private final HikariDataSource readers;
    private final Jdbi readJdbi;
    /** By physical reader connection; guarded by itself. */
    private final Map<Connection, Handle> readHandles = new IdentityHashMap<>();
    private final ThreadLocal<Handle> reading = new ThreadLocal<>();
    private final Thread maintenance;
    private final WalCheckpointer checkpointer;

    private SqliteDatabase(GroupCommitWriter writer, HikariDataSource readers, SQLiteDataSource writerSource) {
        this.writer = writer;
        this.readers = readers;
        this.checkpointer = new WalCheckpointer(writerSource, writer::betweenGroups);
        this.readJdbi = Database.jdbi(readers);
        this.maintenance = Thread.ofVirtual().name("sqlite-maintenance").start(this::reclaimPeriodically);
    }

    static SqliteDatabase open(StoreConfig config) {
        if (config.jdbcUrl().contains(":memory:") || config.jdbcUrl().contains("mode=memory")) {
            throw new IllegalArgumentException("an SQLite store needs a file: every connection to an in-memory"
                    + " database would see a different one");
        }
        SQLiteDataSource writerSource = dataSource(config.jdbcUrl(), writerConfig());
        checkIntegrity(writerSource, config);
        Migrations.apply(writerSource, Engine.SQLITE);
        useIncrementalVacuum(writerSource, config);
        Handle writerHandle = Database.jdbi(writerSource).open();
        // The checkpointer copies the log back from its own connection; once reset, a log that grew under a burst of
        // writes is cut back to this size.
        writerHandle.execute("PRAGMA wal_autocheckpoint = 0");
        writerHandle.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT);
        GroupCommitWriter writer = new GroupCommitWriter(writerHandle);
        try {
            return new SqliteDatabase(writer, readerPool(config), writerSource);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * SQLite's quick integrity check, before anything else reads the file: a damaged database used to start without
     * complaint and fail at page 4 of a listing. Its output names tables, indexes and pages, never stored values.
     */
    private static void checkIntegrity(SQLiteDataSource source, StoreConfig config) {
        try (Connection connection = source.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
            String first = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(first)) {
                throw new StoreException("the SQLite database at " + config.location() + " failed its integrity check"
                        + " (PRAGMA quick_check: " + first + "): restore it from a backup");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the SQLite database at " + config.location(), e);
        }
    }

    /**
     * Deleted rows' pages go back to the file system (see {@link #reclaimFreePages}) only in incremental auto-vacuum
     * mode, which a database in WAL mode can only enter through a VACUUM: done once, on a new database (instant) or
     * on one created before this mode was used.
     */
    private static void useIncrementalVacuum(SQLiteDataSource source, StoreConfig config) {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
            if (autoVacuum(statement) != INCREMENTAL) {
                long started = System.nanoTime();
                statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
                statement.execute("VACUUM");
                LOG.info("SQLite database at {} converted to incremental auto-vacuum ({} ms)", config.location(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot set incremental auto-vacuum on " + config.location(), e);
        }
    }

    private static int autoVacuum(Statement statement) throws SQLException {
        try (ResultSet mode = statement.executeQuery("PRAGMA auto_vacuum")) {
            return mode.next() ? mode.getInt(1) : 0;
        }
    }

    /**
     * Returns up to {@code maxPages} free pages (left by deletions) to the file system, through the writer so that
     * it never competes with a write. Returns the number of free pages left.
     */
    long reclaimFreePages(int maxPages) {
        return writer.write(handle -> {
            long free = handle.createQuery("PRAGMA freelist_count").mapTo(Long.class).one();
            // The pragma frees one page per step of its statement, and the driver steps a statement that returns no
            // rows once: one execution per page.
            for (long i = Math.min(free, maxPages); i > 0; i--) {
                handle.execute("PRAGMA incremental_vacuum(1)");
            }
            return handle.createQuery("PRAGMA freelist_count").mapTo(Long.class).one();
        });
    }

    private void reclaimPeriodically() {
        try {
            while (true) {
                Thread.sleep(MAINTENANCE_INTERVAL);
                try {
                    long left = reclaimFreePages(PAGES_PER_RUN);
                    LOG.debug("SQLite maintenance: {} free pages left", left);
                } catch (RuntimeException e) {
                    LOG.warn("SQLite maintenance failed: {}", StoreException.classify(e));
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /**
     * A read transaction on a pooled connection, through a handle kept for that physical connection: JDBI copies its
     * whole configuration registry into every handle it opens, which cost 4 to 6 % of a KMIP Create's or REST POST's
     * CPU for reads of one row. A read started inside another on the same thread joins it, as JDBI's handle scope did.
     */
    @Override
    public <T> T read(Function<Handle, T> work) {
        Handle joined = reading.get();
        if (joined != null) {
            return work.apply(joined);
        }
        try (Connection pooled = readers.getConnection()) {
            Handle handle = readHandle(pooled.unwrap(Connection.class));
            reading.set(handle);
            try {
                return handle.inTransaction(work::apply);
            } catch (RuntimeException | Error e) {
                evictIfStillInTransaction(pooled, handle, e);
                throw e;
            } finally {
                reading.remove();
            }
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    /**
     * The handle over {@code physical}, opened the first time the pool hands that connection out. It never closes the
     * connection: the pool does, and the handle goes with it.
     */
    private Handle readHandle(Connection physical) {
        synchronized (readHandles) {
            Handle handle = readHandles.get(physical);
            if (handle == null) {
                // A connection not seen before: the pool may have retired others, whose handles go with them.
                readHandles.keySet().removeIf(SqliteDatabase::isClosed);
                handle = Database.jdbi(new ConnectionFactory() {
                    @Override
                    public Connection openConnection() {
                        return physical;
                    }

                    @Override
                    public void closeConnection(Connection connection) {
                        // The pool closes it.
                    }
                }).open();
                readHandles.put(physical, handle);
            }
            return handle;
        }
    }

    /** After a failed read whose rollback failed too: the pool must not hand out a connection inside a transaction. */
    private void evictIfStillInTransaction(Connection pooled, Handle handle, Throwable failure) {
        try {
            if (handle.isInTransaction()) {
                readers.evictConnection(pooled);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            readers.evictConnection(pooled);
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** In autocommit: SQLite wraps the one statement in a read transaction of its own. */
    @Override
    public <T> T readOneStatement(Function<Handle, T> work) {
        return readJdbi.withHandle(work::apply);
    }

    /** {@code VACUUM INTO}: SQLite's consistent online copy, from a reader's snapshot, compacted. */
    @Override
    public void backup(java.nio.file.Path file) {
        readJdbi.useHandle(handle -> handle.createUpdate("VACUUM INTO ?").bind(0, file.toString()).execute());
    }

    @Override
    public <T> T write(Function<Handle, T> work) {
        return writer.write(work);
    }

    /** The writer's, for the writes it runs; reads (on the readers' snapshots) see only committed heads. */
    @Override
    public DeferredChainHead deferredChainHead(Handle handle) {
        return writer.owns(handle) ? writer.chainHead() : null;
    }

    /** The pools, and the group commit: commits, writes they held (the ratio is the mean group), writes waiting. */
    @Override
    public void instrument(io.micrometer.core.instrument.MeterRegistry registry) {
        Database.super.instrument(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("donjon.store.commits", writer,
                        GroupCommitWriter::commits)
                .description("SQLite write transactions committed (each a group of one or more writes)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("donjon.store.committed.writes", writer,
                        GroupCommitWriter::committedWrites)
                .description("Writes committed; divided by donjon_store_commits_total, the mean group size")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("donjon.store.write.queue", writer, GroupCommitWriter::queued)
                .description("Writes waiting for the next group commit").register(registry);
    }

    @Override
    public void close() {
        maintenance.interrupt();
        checkpointer.close();
        try {
            writer.close();
        } finally {
            readers.close();
        }
    }

    /** WAL lets readers run beside the writer; synchronous=FULL makes every commit durable before it returns. */
    private static SQLiteConfig writerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // Nothing asks for generated keys; with them on the driver matches every executed statement's SQL against a
        // regular expression to find INSERTs (1 % of a KMIP Create's CPU, on the writer).
        config.setGetGeneratedKeys(false);
        // Each write runs in its own savepoint (GroupCommitWriter), and SQLite copies every page a savepoint changes
        // into a statement journal so that it can roll back to it. That journal spills into a temporary file once it
        // passes 64 KiB, which a KMIP Create (a dozen B-trees) does: a file created, written page by page and deleted
        // per group, 40-odd pwrite calls per Create and about half the writer's system time. In memory it lives only
        // for the savepoint (SQLite empties it at each RELEASE), so it holds the pages of one write at a time.
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        return config;
    }

    private static HikariDataSource readerPool(StoreConfig config) {
        SQLiteConfig readerConfig = new SQLiteConfig();
        readerConfig.setReadOnly(true);
        readerConfig.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("donjon-sqlite-readers");
        hikari.setDataSource(dataSource(config.jdbcUrl(), readerConfig));
        // Hikari sets the flag on every connection it hands out; the driver accepts only the value it opened with.
        hikari.setReadOnly(true);
        hikari.setMaximumPoolSize(config.poolSize());
        return new HikariDataSource(hikari);
    }

    private static SQLiteDataSource dataSource(String url, SQLiteConfig config) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return dataSource;
    }

    /** The readers' pool; the single writer connection is the group-commit writer's own. */
    @Override
    public java.util.List<HikariDataSource> pools() {
        return java.util.List.of(readers);
    }
}
