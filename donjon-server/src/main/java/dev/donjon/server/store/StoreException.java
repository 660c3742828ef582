package dev.donjon.server.store;

import dev.donjon.server.domain.InfrastructureFailure;

import java.sql.SQLException;

/**
 * The database failed (unreachable, full, damaged, constraint broken by a bug); never a domain condition. Its message
 * names the operation and the cause as the engine classifies it (SQLite result code, PostgreSQL SQLSTATE), which
 * quote no stored value; the driver's own text stays in the cause.
 */
public final class StoreException extends RuntimeException implements InfrastructureFailure {
    StoreException(String operation, Throwable cause) {
        super(operation + ": " + classify(cause), cause);
    }

    /** A failure the node detected itself (a failed integrity check), already described. */
    StoreException(String description) {
        super(description);
    }

    @Override
    public String diagnosis() {
        return getMessage();
    }

    /** What went wrong, in the engine's terms, from the first SQL exception in the chain. */
    static String classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException sqlite) {
                return sqlite(sqlite.getResultCode());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return postgres(sql.getSQLState());
            }
        }
        return failure == null ? "unknown cause" : failure.getClass().getSimpleName();
    }

    private static String sqlite(org.sqlite.SQLiteErrorCode code) {
        String meaning = switch (code.code & 0xFF) {
            case 13 -> "database or disk is full";
            case 10 -> "disk I/O error";
            case 11 -> "the database file is malformed";
            case 26 -> "the file is not a database";
            case 8 -> "the database is read-only";
            case 14 -> "the database file cannot be opened";
            case 5, 6 -> "the database is locked by another process";
            default -> "SQLite error";
        };
        return meaning + " (" + code.name() + ")";
    }

    private static String postgres(String sqlState) {
        String meaning = switch (sqlState.length() >= 2 ? sqlState.substring(0, 2) : sqlState) {
            case "53" -> sqlState.equals("53100") ? "disk full" : "insufficient resources";
            case "08" -> sqlState.equals("08001")
                    ? "cannot connect to the database server (host unreachable, connection refused or unknown host)"
                    : "connection to the database failed";
            case "28" -> sqlState.equals("28P01") ? "authentication failed: wrong password"
                    : "authentication failed: unknown user, or refused by the server's access rules (pg_hba.conf)";
            case "3D" -> "the database does not exist";
            case "57" -> "the database server is shutting down or cancelled the statement";
            case "XX" -> sqlState.equals("XX001") || sqlState.equals("XX002") ? "data corrupted" : "internal error";
            case "58" -> "system error (I/O)";
            case "25" -> "read-only or invalid transaction state";
            case "40" -> "transaction rolled back (serialization or deadlock)";
            default -> "database error";
        };
        return meaning + " (SQLSTATE " + sqlState + ")";
    }
}
