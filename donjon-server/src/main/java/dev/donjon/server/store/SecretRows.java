package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * How a {@link Secret} is laid out in the secrets table. Enumerations are stored by their wire names, which the API
 * fixes, rather than by Java constant names, which a refactoring could change.
 */
final class SecretRows implements RowMapper<Secret> {
    static final String COLUMNS =
            "id, project, name, type, algorithm, bit_length, mode, creator_id, created, updated, expiration, content_type, "
            + "secret_store";
    /** How many columns {@link #COLUMNS} names: a query's own columns follow from position COLUMN_COUNT + 1. */
    static final int COLUMN_COUNT = 13;
    static final SecretRows MAPPER = new SecretRows();

    private SecretRows() {
    }

    /**
     * Reads the row by column position, not label: every query that maps with it selects {@link #COLUMNS} first and
     * in that order. By label, the SQLite driver builds a name index of the result set's columns for every row read,
     * which cost more than the rest of a key read's mapping.
     */
    @Override
    public Secret map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    static Secret read(ResultSet rs) throws SQLException {
        return new Secret(
                new SecretId(UUID.fromString(rs.getString(1))),
                new ProjectId(rs.getString(2)),
                rs.getString(3),
                secretType(rs.getString(4)),
                rs.getString(5),
                nullableInt(rs, 6),
                rs.getString(7),
                rs.getString(8),
                EpochMicros.toInstant(rs.getLong(9)),
                EpochMicros.toInstant(rs.getLong(10)),
                EpochMicros.instantOrNull(rs, 11),
                contentType(rs.getString(12)),
                rs.getString(13));
    }

    static String contentTypeColumn(PayloadContentType contentType) {
        return contentType == null ? null : contentType.mediaType();
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static SecretType secretType(String wireName) {
        return SecretType.fromWire(wireName)
                .orElseThrow(() -> new IllegalStateException("unknown secret type in the store: " + wireName));
    }

    private static PayloadContentType contentType(String mediaType) {
        return mediaType == null ? null : PayloadContentType.fromMediaType(mediaType);
    }
}
