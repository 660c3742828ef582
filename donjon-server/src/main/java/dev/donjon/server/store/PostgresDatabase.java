package dev.donjon.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.function.Function;

/**
 * PostgreSQL behind two HikariCP pools. Each write is its own READ COMMITTED transaction: PostgreSQL already flushes the
 * WAL of concurrent commits together, so there is nothing to gain from grouping here, and the repositories' writes are
 * race-safe at that level (ON CONFLICT, row locks) without retries. Reads take their connections from a pool of their
 * own, whose connections are REPEATABLE READ and read-only for good: setting that per read was a round trip of its
 * own, one of the three a REST read costs (with its query and its commit).
 */
final class PostgresDatabase implements Database {
    /** Readers kept open while idle: the pool grows to the configured size under load and shrinks back. */
    private static final int IDLE_READERS = 2;

    /** Set while this thread runs a write transaction. */
    private final ThreadLocal<Boolean> writing = new ThreadLocal<>();

    private final HikariDataSource pool;
    private final HikariDataSource readers;
    private final Jdbi jdbi;
    private final Jdbi readJdbi;

    private PostgresDatabase(HikariDataSource pool, HikariDataSource readers) {
        this.pool = pool;
        this.readers = readers;
        this.jdbi = Database.jdbi(pool);
        this.readJdbi = Database.jdbi(readers);
    }

    static PostgresDatabase open(StoreConfig config) {
        HikariDataSource pool = new HikariDataSource(hikari(config, "donjon-postgresql"));
        try {
            Migrations.apply(pool, Engine.POSTGRESQL);
            HikariConfig readerConfig = hikari(config, "donjon-postgresql-readers");
            readerConfig.setReadOnly(true);
            readerConfig.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
            readerConfig.setMinimumIdle(Math.min(IDLE_READERS, config.poolSize()));
            return new PostgresDatabase(pool, new HikariDataSource(readerConfig));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariConfig hikari(StoreConfig config, String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        // HikariCP waits 30 s by default for a connection, retrying a server that refuses: a call, a probe and a
        // node's closing would hang that long when the database has gone away. The driver's own connect and login
        // waits are bounded by the same time (a URL parameter still wins); a validation must fit within it.
        long timeoutMillis = config.connectionTimeout().toMillis();
        hikari.setConnectionTimeout(timeoutMillis);
        hikari.setValidationTimeout(Math.max(250, Math.min(5_000, timeoutMillis / 2)));
        long timeoutSeconds = Math.max(1, config.connectionTimeout().toSeconds());
        hikari.addDataSourceProperty("connectTimeout", timeoutSeconds);
        hikari.addDataSourceProperty("loginTimeout", timeoutSeconds);
        return hikari;
    }

    /**
     * One snapshot for the whole read, so that a page and its total count agree. A read started inside a write on the
     * same thread (a secret store's preference looked up while a KMIP Undo batch holds its transaction) joins that
     * write, as JDBI hands it the same handle: marking it read-only then would fail every later statement of the write.
     */
    @Override
    public <T> T read(Function<Handle, T> work) {
        if (writing.get() != null) {
            return jdbi.inTransaction(work::apply);
        }
        return readJdbi.inTransaction(work::apply);
    }

    /**
     * In autocommit: the statement is its own transaction and snapshot, and the read is one round trip where
     * {@link #read}'s explicit transaction adds its COMMIT's. Inside a write on this thread it joins the write.
     */
    @Override
    public <T> T readOneStatement(Function<Handle, T> work) {
        if (writing.get() != null) {
            return jdbi.inTransaction(work::apply);
        }
        return readJdbi.withHandle(work::apply);
    }

    /** A logical export of every table in one REPEATABLE READ transaction: one snapshot of all of them. */
    @Override
    public void backup(java.nio.file.Path file) {
        read(handle -> {
            Backups.exportTables(handle, file);
            return null;
        });
    }

    @Override
    public <T> T write(Function<Handle, T> work) {
        if (writing.get() != null) {
            return jdbi.inTransaction(work::apply);
        }
        writing.set(Boolean.TRUE);
        try {
            return jdbi.inTransaction(work::apply);
        } finally {
            writing.remove();
        }
    }

    @Override
    public void close() {
        try {
            readers.close();
        } finally {
            pool.close();
        }
    }

    @Override
    public java.util.List<HikariDataSource> pools() {
        return java.util.List.of(pool, readers);
    }
}
