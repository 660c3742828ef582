package dev.donjon.server.store;

import dev.donjon.server.domain.PayloadContentType;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.Secret;
import dev.donjon.server.domain.SecretId;
import dev.donjon.server.domain.SecretType;
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
    static final SecretRows MAPPER = new SecretRows();

    private SecretRows() {
    }

    @Override
    public Secret map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Secret(
                new SecretId(UUID.fromString(rs.getString("id"))),
                new ProjectId(rs.getString("project")),
                rs.getString("name"),
                secretType(rs.getString("type")),
                rs.getString("algorithm"),
                nullableInt(rs, "bit_length"),
                rs.getString("mode"),
                rs.getString("creator_id"),
                EpochMicros.toInstant(rs.getLong("created")),
                EpochMicros.toInstant(rs.getLong("updated")),
                EpochMicros.instantOrNull(rs, "expiration"),
                contentType(rs.getString("content_type")),
                rs.getString("secret_store"));
    }

    static String contentTypeColumn(PayloadContentType contentType) {
        return contentType == null ? null : contentType.mediaType();
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
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
