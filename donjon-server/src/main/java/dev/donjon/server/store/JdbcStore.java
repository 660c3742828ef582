package dev.donjon.server.store;

import com.zaxxer.hikari.pool.HikariPool;
import dev.donjon.server.domain.Store;
import dev.donjon.server.domain.StoreTx;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * The {@link Store} on SQLite or PostgreSQL, chosen by the JDBC URL. Opening it brings the schema up to date. Domain
 * exceptions thrown by the work pass through unchanged; database failures surface as {@link StoreException}.
 */
public final class JdbcStore implements Store, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final Database database;

    private JdbcStore(Database database) {
        this.database = database;
    }

    /**
     * Connects, migrates the schema and returns a store ready for use.
     *
     * @throws IllegalArgumentException the URL names no supported engine, or an in-memory SQLite database
     * @throws StoreException           the database cannot be reached or migrated
     */
    public static JdbcStore open(StoreConfig config) {
        Engine engine = Engine.of(config.jdbcUrl());
        try {
            Database database = switch (engine) {
                case SQLITE -> SqliteDatabase.open(config);
                case POSTGRESQL -> PostgresDatabase.open(config);
            };
            LOG.info("Store open on {} at {}", engine, config.location());
            return new JdbcStore(database);
        } catch (FlywayException | JdbiException | HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot open the store at " + config.location(), e);
        }
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
        try {
            return database.read(handle -> work.apply(new JdbcStoreTx(handle)));
        } catch (JdbiException e) {
            throw new StoreException("a read transaction failed", e);
        }
    }

    @Override
    public <T> T write(Function<StoreTx, T> work) {
        try {
            return database.write(handle -> work.apply(new JdbcStoreTx(handle)));
        } catch (JdbiException e) {
            throw new StoreException("a write transaction failed", e);
        }
    }

    /** Finishes the writes already accepted, then releases every connection. */
    @Override
    public void close() {
        database.close();
    }
}
