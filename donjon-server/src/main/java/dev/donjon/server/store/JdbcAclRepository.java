package dev.donjon.server.store;

import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.port.AclRepository;
import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The same two-table layout for both kinds of object; {@link Kind} names the tables, never caller input. */
final class JdbcAclRepository implements AclRepository {
    private enum Kind {
        SECRET("secret_acls", "secret_acl_users", "secret_id"),
        CONTAINER("container_acls", "container_acl_users", "container_id");

        final String table;
        final String usersTable;
        final String key;

        Kind(String table, String usersTable, String key) {
            this.table = table;
            this.usersTable = usersTable;
            this.key = key;
        }
    }

    private static final String SHARED_WHERE = " FROM secrets WHERE id IN "
            + "(SELECT secret_id FROM secret_acl_users WHERE user_id = ?) AND (expiration IS NULL OR expiration > ?)";

    private final Handle handle;

    JdbcAclRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<Acl> ofSecret(SecretId id) {
        return find(Kind.SECRET, id.toString());
    }

    @Override
    public void putForSecret(SecretId id, boolean projectAccess, List<String> users, Instant at) {
        put(Kind.SECRET, id.toString(), projectAccess, users, at);
    }

    @Override
    public boolean deleteForSecret(SecretId id) {
        return delete(Kind.SECRET, id.toString());
    }

    @Override
    public Optional<Acl> ofContainer(ContainerId id) {
        return find(Kind.CONTAINER, id.toString());
    }

    @Override
    public void putForContainer(ContainerId id, boolean projectAccess, List<String> users, Instant at) {
        put(Kind.CONTAINER, id.toString(), projectAccess, users, at);
    }

    @Override
    public boolean deleteForContainer(ContainerId id) {
        return delete(Kind.CONTAINER, id.toString());
    }

    @Override
    public Page<Secret> secretsSharedWith(String userId, int offset, int limit, Instant now) {
        long micros = EpochMicros.floor(now);
        long total = handle.createQuery("SELECT COUNT(*)" + SHARED_WHERE)
                .bind(0, userId).bind(1, micros).mapTo(Long.class).one();
        if (total <= offset) {
            return new Page<>(List.of(), total);
        }
        List<Secret> items = handle.createQuery("SELECT " + SecretRows.COLUMNS + SHARED_WHERE
                        + " ORDER BY created, id LIMIT ? OFFSET ?")
                .bind(0, userId)
                .bind(1, micros)
                .bind(2, limit)
                .bind(3, offset)
                .map(SecretRows.MAPPER)
                .list();
        return new Page<>(items, total);
    }

    /** Read on every key read (the policy decision), hence plain JDBC. */
    private Optional<Acl> find(Kind kind, String id) {
        record Row(boolean projectAccess, Instant created, Instant updated) {
        }
        return HotStatements.first(handle, "SELECT project_access, created, updated FROM " + kind.table + " WHERE "
                                + kind.key + " = ?",
                        rs -> new Row(rs.getInt(1) != 0, EpochMicros.toInstant(rs.getLong(2)),
                                EpochMicros.toInstant(rs.getLong(3))), id)
                .map(row -> new Acl(row.projectAccess(), HotStatements.list(handle, "SELECT user_id FROM "
                        + kind.usersTable + " WHERE " + kind.key + " = ? ORDER BY user_id", rs -> rs.getString(1), id),
                        row.created(), row.updated()));
    }

    private void put(Kind kind, String id, boolean projectAccess, List<String> users, Instant at) {
        long micros = EpochMicros.floor(at);
        handle.createUpdate("INSERT INTO " + kind.table + " (" + kind.key + ", project_access, created, updated) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (" + kind.key + ") DO UPDATE SET "
                        + "project_access = excluded.project_access, updated = excluded.updated")
                .bind(0, id)
                .bind(1, projectAccess ? 1 : 0)
                .bind(2, micros)
                .bind(3, micros)
                .execute();
        handle.createUpdate("DELETE FROM " + kind.usersTable + " WHERE " + kind.key + " = ?").bind(0, id).execute();
        if (users.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO " + kind.usersTable + " (" + kind.key + ", user_id) "
                + "VALUES (?, ?) ON CONFLICT DO NOTHING");
        for (String user : users) {
            batch.bind(0, id).bind(1, user).add();
        }
        batch.execute();
    }

    private boolean delete(Kind kind, String id) {
        return handle.createUpdate("DELETE FROM " + kind.table + " WHERE " + kind.key + " = ?")
                .bind(0, id).execute() == 1;
    }
}
