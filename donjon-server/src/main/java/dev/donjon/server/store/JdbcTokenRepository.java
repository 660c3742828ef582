package dev.donjon.server.store;

import dev.donjon.server.domain.access.ApiToken;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.port.TokenRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

final class JdbcTokenRepository implements TokenRepository {
    private static final String SELECT =
            "SELECT token_id, secret_hash, project, user_id, roles, description, created, revoked FROM api_tokens";
    private static final String ROLE_SEPARATOR = ",";
    private static final RowMapper<ApiToken> MAPPER = (rs, ctx) -> new ApiToken(
            rs.getString("token_id"),
            rs.getBytes("secret_hash"),
            new ProjectId(rs.getString("project")),
            rs.getString("user_id"),
            roles(rs.getString("roles")),
            rs.getString("description"),
            EpochMicros.toInstant(rs.getLong("created")),
            EpochMicros.instantOrNull(rs, "revoked"));

    private final Handle handle;

    JdbcTokenRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(ApiToken token) {
        handle.createUpdate("""
                        INSERT INTO api_tokens (token_id, secret_hash, project, user_id, roles, description, created,
                                                revoked)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .bind(0, token.tokenId())
                .bind(1, token.secretHash())
                .bind(2, token.project().value())
                .bind(3, token.userId())
                .bind(4, rolesColumn(token.roles()))
                .bind(5, token.description())
                .bind(6, EpochMicros.floor(token.created()))
                .bind(7, EpochMicros.floorOrNull(token.revoked()))
                .execute();
    }

    @Override
    public Optional<ApiToken> find(String tokenId) {
        return handle.createQuery(SELECT + " WHERE token_id = ?").bind(0, tokenId).map(MAPPER).findOne();
    }

    @Override
    public List<ApiToken> list() {
        return handle.createQuery(SELECT + " ORDER BY created, token_id").map(MAPPER).list();
    }

    @Override
    public boolean revoke(String tokenId, Instant at) {
        boolean revoked = handle.createUpdate(
                        "UPDATE api_tokens SET revoked = ? WHERE token_id = ? AND revoked IS NULL")
                .bind(0, EpochMicros.floor(at))
                .bind(1, tokenId)
                .execute() == 1;
        if (revoked) {
            handle.createUpdate("UPDATE token_revocations SET version = version + 1 WHERE id = 1").execute();
        }
        return revoked;
    }

    @Override
    public long revocationVersion() {
        return handle.createQuery("SELECT version FROM token_revocations WHERE id = 1").mapTo(Long.class).one();
    }

    /** Wire names in declaration order, so that equal role sets are stored identically. */
    private static String rolesColumn(Set<Role> roles) {
        return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(ROLE_SEPARATOR));
    }

    /** Names this version does not know grant nothing, as everywhere else roles are read (see {@link Role}). */
    private static Set<Role> roles(String column) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(column.split(ROLE_SEPARATOR))
                .filter(name -> !name.isEmpty())
                .forEach(name -> Role.fromWire(name).ifPresent(roles::add));
        return roles;
    }
}
