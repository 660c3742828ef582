package dev.donjon.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

import javax.sql.DataSource;
import java.util.function.Function;

/** How one engine runs read and write transactions; {@link JdbcStore} puts the repositories on top. */
interface Database extends AutoCloseable {
    <T> T read(Function<Handle, T> work);

    /** A read of exactly one statement, which sees one snapshot by itself: run without a transaction around it. */
    <T> T readOneStatement(Function<Handle, T> work);

    <T> T write(Function<Handle, T> work);

    /**
     * The audit chain's head kept for the transaction open on {@code handle}, when the engine writes it back once per
     * transaction ({@link DeferredChainHead}: SQLite's single writer); {@code null} when every append reads and writes
     * the head row itself (PostgreSQL, where other nodes append too and the row's lock orders them, and every read).
     */
    default DeferredChainHead deferredChainHead(Handle handle) {
        return null;
    }

    /**
     * Writes a consistent copy of the whole database to {@code file} while the database keeps serving (see
     * {@link Backups}).
     */
    void backup(java.nio.file.Path file);

    /** The connection pools, for their metrics. */
    java.util.List<com.zaxxer.hikari.HikariDataSource> pools();

    /** Publishes the engine's metrics: its pools' (Hikari's), and what else the engine counts. */
    default void instrument(io.micrometer.core.instrument.MeterRegistry registry) {
        pools().forEach(pool -> pool.setMetricRegistry(registry));
    }

    @Override
    void close();

    /**
     * JDBI over the data source, with exception messages that carry no SQL parameters: those are ciphertexts, wrapped
     * keys and token hashes, which must never reach a log.
     */
    static Jdbi jdbi(DataSource dataSource) {
        return quiet(Jdbi.create(dataSource));
    }

    /** The same over connections that {@code connections} hands out (and takes back). */
    static Jdbi jdbi(org.jdbi.v3.core.ConnectionFactory connections) {
        return quiet(Jdbi.create(connections));
    }

    private static Jdbi quiet(Jdbi jdbi) {
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }
}
