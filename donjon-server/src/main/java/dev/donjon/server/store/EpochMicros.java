package dev.donjon.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp mapping of the schema: microseconds since the epoch, UTC, in a BIGINT column. Both engines compare
 * and sort plain integers identically, and microseconds are what PostgreSQL and the API can represent.
 */
final class EpochMicros {
    private static final long PER_SECOND = 1_000_000L;

    private EpochMicros() {
    }

    /** The instant truncated to its microsecond, i.e. rounded towards the past. */
    static long floor(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant outside the storable range: " + instant, e);
        }
    }

    /** The first microsecond at or after the instant. */
    static long ceiling(Instant instant) {
        long floor = floor(instant);
        return isWholeMicrosecond(instant) ? floor : floor + 1;
    }

    static Long floorOrNull(Instant instant) {
        return instant == null ? null : floor(instant);
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1_000);
    }

    static Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : toInstant(micros);
    }

    static Instant instantOrNull(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : toInstant(micros);
    }

    private static boolean isWholeMicrosecond(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).equals(instant);
    }
}
