package dev.donjon.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.function.Function;

/**
 * PostgreSQL behind a HikariCP pool. Each write is its own READ COMMITTED transaction: PostgreSQL already flushes the
 * WAL of concurrent commits together, so there is nothing to gain from grouping here, and the repositories' writes are
 * race-safe at that level (ON CONFLICT, row locks) without retries.
 */
final class PostgresDatabase implements Database {
    /** Set while this thread runs a write transaction. */
    private final ThreadLocal<Boolean> writing = new ThreadLocal<>();

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Database.jdbi(pool);
    }

    static PostgresDatabase open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("donjon-postgresql");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            Migrations.apply(pool, Engine.POSTGRESQL);
            return new PostgresDatabase(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
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
        return jdbi.inTransaction(handle -> {
            handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            return work.apply(handle);
        });
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
        pool.close();
    }

    @Override
    public java.util.List<HikariDataSource> pools() {
        return java.util.List.of(pool);
    }
}
