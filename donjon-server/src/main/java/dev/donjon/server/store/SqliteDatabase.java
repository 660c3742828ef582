package dev.donjon.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.util.function.Function;

/**
 * A SQLite file in WAL mode: one connection writes, through the {@link GroupCommitWriter}; a small pool of read-only
 * connections reads, each read on its own snapshot, without ever waiting for the writer.
 */
final class SqliteDatabase implements Database {
    /** How long to wait for another process (the CLI, say) that holds the write lock, before failing. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final GroupCommitWriter writer;
    private final HikariDataSource readers;
    private final Jdbi readJdbi;

    private SqliteDatabase(GroupCommitWriter writer, HikariDataSource readers) {
        this.writer = writer;
        this.readers = readers;
        this.readJdbi = Database.jdbi(readers);
    }

    static SqliteDatabase open(StoreConfig config) {
        if (config.jdbcUrl().contains(":memory:") || config.jdbcUrl().contains("mode=memory")) {
            throw new IllegalArgumentException("an SQLite store needs a file: every connection to an in-memory"
                    + " database would see a different one");
        }
        SQLiteDataSource writerSource = dataSource(config.jdbcUrl(), writerConfig());
        Migrations.apply(writerSource, Engine.SQLITE);
        GroupCommitWriter writer = new GroupCommitWriter(Database.jdbi(writerSource).open());
        try {
            return new SqliteDatabase(writer, readerPool(config));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    @Override
    public <T> T read(Function<Handle, T> work) {
        return readJdbi.inTransaction(work::apply);
    }

    @Override
    public <T> T write(Function<Handle, T> work) {
        return writer.write(work);
    }

    @Override
    public void close() {
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
}
