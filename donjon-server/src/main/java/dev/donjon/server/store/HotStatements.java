package dev.donjon.server.store;

import org.jdbi.v3.core.Handle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plain JDBC on the handle's connection, for the statements of the hot paths: a key read (KMIP Get, Encrypt, ...; REST
 * payload) and the writes of a create (the secret, its payload, its attributes, its audit event). JDBI copies its whole
 * configuration registry, looks up an argument factory per bound value and sets up result-set cleaners for every
 * statement, which cost about as much CPU as SQLite executing these one-row statements; on SQLite the writes run on the
 * single writer thread, so that cost also bounds how many writes a second the node can take. Every parameter is bound,
 * never spliced into the SQL.
 *
 * <p>The statements stay prepared, one set per physical connection: compiling the SQL (and the driver reading back
 * its column names) cost SQLite more than running it. A pooled connection serves one transaction at a time, so its
 * statements are never shared between threads; they go with the connection when the pool retires or closes it.
 */
final class HotStatements {
    /** By physical connection; guarded by itself. */
    private static final Map<Connection, Map<String, PreparedStatement>> PREPARED = new IdentityHashMap<>();

    private HotStatements() {
    }

    /** Reads the current row; positions are 1-based, as in JDBC. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** The first row's value, if there is a row. */
    static <T> Optional<T> first(Handle handle, String sql, RowReader<T> reader, Object... parameters) {
        List<T> rows = run(handle, sql, reader, 1, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    static <T> List<T> list(Handle handle, String sql, RowReader<T> reader, Object... parameters) {
        return run(handle, sql, reader, Integer.MAX_VALUE, parameters);
    }

    private static <T> List<T> run(Handle handle, String sql, RowReader<T> reader, int maxRows,
                                   Object... parameters) {
        try {
            PreparedStatement statement = bound(handle, sql, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (out.size() < maxRows && rows.next()) {
                    out.add(reader.read(rows));
                }
                return out;
            }
        } catch (SQLException e) {
            discard(handle, sql);
            // The driver's message names the failure, not the bound values.
            throw new StoreException("a read failed", e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    static int update(Handle handle, String sql, Object... parameters) {
        try {
            return bound(handle, sql, parameters).executeUpdate();
        } catch (SQLException e) {
            discard(handle, sql);
            throw new StoreException("a write failed", e);
        }
    }

    /** Runs one INSERT, UPDATE or DELETE per parameter row, as one batch (one round trip on PostgreSQL). */
    static void batch(Handle handle, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (rows.size() == 1) {
            update(handle, sql, rows.getFirst());
            return;
        }
        try {
            PreparedStatement statement = prepared(handle.getConnection(), sql);
            for (Object[] row : rows) {
                bind(statement, row);
                statement.addBatch();
            }
            // executeBatch converts the driver's long counts to ints through a stream (1 % of a KMIP Create's CPU).
            statement.executeLargeBatch();
        } catch (SQLException e) {
            discard(handle, sql);
            throw new StoreException("a write failed", e);
        }
    }

    private static PreparedStatement bound(Handle handle, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = prepared(handle.getConnection(), sql);
        bind(statement, parameters);
        return statement;
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static PreparedStatement prepared(Connection pooled, String sql) throws SQLException {
        // The pool's proxy closes what is prepared through it when the connection goes back; the physical connection
        // keeps its statements.
        Connection physical = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
        Map<String, PreparedStatement> statements;
        synchronized (PREPARED) {
            statements = PREPARED.get(physical);
            if (statements == null) {
                // A connection not seen before: the pool may have retired others, whose statements went with them.
                PREPARED.keySet().removeIf(HotStatements::isClosed);
                statements = new HashMap<>();
                PREPARED.put(physical, statements);
            }
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Drops a statement that failed: the SQLite driver finalizes a statement whose step fails (a full disk, a broken
     * constraint) without marking it closed, so that kept it would fail every later use.
     */
    private static void discard(Handle handle, String sql) {
        try {
            Connection pooled = handle.getConnection();
            Connection physical = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
            Map<String, PreparedStatement> statements;
            synchronized (PREPARED) {
                statements = PREPARED.get(physical);
            }
            PreparedStatement failed = statements == null ? null : statements.remove(sql);
            if (failed != null) {
                failed.close();
            }
        } catch (SQLException e) {
            // Already unusable; the next use prepares it afresh either way.
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
