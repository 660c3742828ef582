package dev.donjon.server.store;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretQuery;
import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.port.SecretForRead;
import dev.donjon.server.domain.port.SecretRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbcSecretRepository implements SecretRepository {
    private static final String INSERT_SECRET = "INSERT INTO secrets (" + SecretRows.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The secret's columns, qualified: the ACL table of {@link #findForRead} has its own created and updated. */
    private static final String QUALIFIED_COLUMNS = java.util.Arrays.stream(SecretRows.COLUMNS.split(", "))
            .map(column -> "s." + column).collect(java.util.stream.Collectors.joining(", "));
    /** One row per ACL user (one row when there are none), the secret's columns repeated on each. */
    private static final String FIND_FOR_READ = "SELECT " + QUALIFIED_COLUMNS + ", a.project_access, a.created,"
            + " a.updated, u.user_id FROM secrets s LEFT JOIN secret_acls a ON a.secret_id = s.id"
            + " LEFT JOIN secret_acl_users u ON u.secret_id = s.id WHERE s.id = ? ORDER BY u.user_id";
    private static final String FIND_FOR_READ_WITH_PAYLOAD = "SELECT " + QUALIFIED_COLUMNS + ", a.project_access,"
            + " a.created, a.updated, u.user_id, p.kek_version, p.ciphertext, s.sensitive, s.extractable"
            + " FROM secrets s LEFT JOIN secret_acls a ON a.secret_id = s.id"
            + " LEFT JOIN secret_acl_users u ON u.secret_id = s.id LEFT JOIN secret_payloads p ON p.secret_id = s.id"
            + " WHERE s.id = ? ORDER BY u.user_id";

    /** {@link #findForReadWithAttributes} by payload and number of names. */
    private static final Map<String, String> FIND_FOR_READ_WITH_ATTRIBUTES = new java.util.concurrent.ConcurrentHashMap<>();

    private final Handle handle;

    JdbcSecretRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(Secret secret, SealedPayload payload) {
        HotStatements.update(handle, INSERT_SECRET, insertValues(secret, secret.name(), payload));
        if (payload != null) {
            insertPayload(handle, secret.id(), payload);
        }
    }

    /** The values of {@link SecretRows#COLUMNS} for a new secret named {@code name}, in their order. */
    static Object[] insertValues(Secret secret, String name, SealedPayload payload) {
        if ((payload == null) != (secret.contentType() == null)) {
            throw new IllegalArgumentException("a secret has a content type exactly when it has a payload");
        }
        return new Object[] {
                secret.id().toString(),
                secret.project().value(),
                name,
                secret.type().wireName(),
                secret.algorithm(),
                secret.bitLength(),
                secret.mode(),
                secret.creatorId(),
                EpochMicros.floor(secret.created()),
                EpochMicros.floor(secret.updated()),
                EpochMicros.floorOrNull(secret.expiration()),
                SecretRows.contentTypeColumn(secret.contentType()),
                secret.secretStore()};
    }

    @Override
    public Optional<Secret> find(SecretId id) {
        // The policy check before every change of a secret.
        return HotStatements.first(handle, "SELECT " + SecretRows.COLUMNS + " FROM secrets WHERE id = ?",
                SecretRows::read, id.toString());
    }

    /** Every REST read of a secret (its metadata, its payload) starts here: the policy check needs the ACL. */
    @Override
    public Optional<SecretForRead> findForRead(SecretId id, boolean withPayload, List<String> textAttributes) {
        record Row(Secret secret, Boolean projectAccess, long aclCreated, long aclUpdated, String user,
                   SealedPayload payload, KeyProtection protection) {
        }
        int at = SecretRows.COLUMN_COUNT;
        List<Row> rows = new java.util.ArrayList<>();
        Map<String, List<String>> text = new LinkedHashMap<>();
        if (textAttributes.isEmpty()) {
            rows.addAll(HotStatements.list(handle, withPayload ? FIND_FOR_READ_WITH_PAYLOAD : FIND_FOR_READ, rs -> {
                Object projectAccess = rs.getObject(at + 1);
                byte[] ciphertext = withPayload ? rs.getBytes(at + 6) : null;
                return new Row(SecretRows.read(rs), projectAccess == null ? null : rs.getInt(at + 1) != 0,
                        rs.getLong(at + 2), rs.getLong(at + 3), rs.getString(at + 4),
                        ciphertext == null ? null : new SealedPayload(rs.getInt(at + 5), ciphertext),
                        withPayload ? new KeyProtection(rs.getInt(at + 7) != 0, rs.getInt(at + 8) != 0)
                                : KeyProtection.DEFAULT);
            }, id.toString()));
        } else {
            Object[] parameters = new Object[2 + textAttributes.size()];
            parameters[0] = id.toString();
            parameters[1] = id.toString();
            for (int i = 0; i < textAttributes.size(); i++) {
                parameters[2 + i] = textAttributes.get(i);
            }
            // The secret's rows (part 0) come first, then its attributes' (part 1), each in their own order.
            HotStatements.list(handle, findForReadWithAttributes(withPayload, textAttributes.size()), rs -> {
                if (rs.getInt(at + 9) == 1) {
                    text.computeIfAbsent(rs.getString(at + 10), name -> new java.util.ArrayList<>())
                            .add(rs.getString(at + 11));
                    return null;
                }
                Object projectAccess = rs.getObject(at + 1);
                byte[] ciphertext = withPayload ? rs.getBytes(at + 6) : null;
                rows.add(new Row(SecretRows.read(rs), projectAccess == null ? null : rs.getInt(at + 1) != 0,
                        rs.getLong(at + 2), rs.getLong(at + 3), rs.getString(at + 4),
                        ciphertext == null ? null : new SealedPayload(rs.getInt(at + 5), ciphertext),
                        withPayload ? new KeyProtection(rs.getInt(at + 7) != 0, rs.getInt(at + 8) != 0)
                                : KeyProtection.DEFAULT));
                return null;
            }, parameters);
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row first = rows.getFirst();
        Optional<Acl> acl = first.projectAccess() == null ? Optional.empty() : Optional.of(new Acl(
                first.projectAccess(), rows.stream().map(Row::user).filter(java.util.Objects::nonNull).toList(),
                EpochMicros.toInstant(first.aclCreated()), EpochMicros.toInstant(first.aclUpdated())));
        return Optional.of(new SecretForRead(first.secret(), Optional.ofNullable(first.payload()),
                first.protection(), acl, text));
    }

    /**
     * The secret's rows as {@link #FIND_FOR_READ_WITH_PAYLOAD} (or without the payload's columns' values), then one
     * row per value of the named text attributes, in one statement: on PostgreSQL one round trip where a transaction of
     * two queries cost three (each query, then the COMMIT). Columns past the read's: the part (0 for the secret's
     * rows, 1 for an attribute's), the attribute's name, value and position; the attribute rows carry NULL in all the
     * others. Parameters: the secret's id twice, then the attribute names.
     */
    private static String findForReadWithAttributes(boolean withPayload, int names) {
        return FIND_FOR_READ_WITH_ATTRIBUTES.computeIfAbsent(withPayload + "/" + names, key -> {
            int readColumns = SecretRows.COLUMN_COUNT + 8;
            String secretPart = "SELECT " + QUALIFIED_COLUMNS + ", a.project_access, a.created, a.updated, u.user_id, "
                    + (withPayload ? "p.kek_version, p.ciphertext, s.sensitive, s.extractable"
                            : "NULL, NULL, NULL, NULL")
                    + ", 0, NULL, NULL, 0 FROM secrets s LEFT JOIN secret_acls a ON a.secret_id = s.id"
                    + " LEFT JOIN secret_acl_users u ON u.secret_id = s.id"
                    + (withPayload ? " LEFT JOIN secret_payloads p ON p.secret_id = s.id" : "") + " WHERE s.id = ?";
            String attributePart = "SELECT " + "NULL, ".repeat(readColumns) + "1, t.name, t.value, t.position"
                    + " FROM object_text_attributes t WHERE t.secret_id = ? AND t.name IN ("
                    + String.join(", ", java.util.Collections.nCopies(names, "?")) + ")";
            int part = readColumns + 1;
            return secretPart + " UNION ALL " + attributePart + " ORDER BY " + part + ", "
                    + (SecretRows.COLUMN_COUNT + 4) + ", " + (part + 1) + ", " + (part + 3);
        });
    }

    @Override
    public Optional<SealedPayload> payload(SecretId id) {
        return HotStatements.first(handle, "SELECT kek_version, ciphertext FROM secret_payloads WHERE secret_id = ?",
                rs -> new SealedPayload(rs.getInt(1), rs.getBytes(2)), id.toString());
    }

    @Override
    public boolean attachPayload(SecretId id, PayloadContentType contentType, SealedPayload payload, Instant at) {
        // The content type doubles as the "has a payload" mark; claiming it first makes a concurrent second attach
        // wait for this one's row lock and then find nothing to claim.
        int claimed = handle.createUpdate(
                        "UPDATE secrets SET content_type = ?, updated = ? WHERE id = ? AND content_type IS NULL")
                .bind(0, contentType.mediaType())
                .bind(1, EpochMicros.floor(at))
                .bind(2, id.toString())
                .execute();
        if (claimed == 0) {
            return false;
        }
        insertPayload(handle, id, payload);
        return true;
    }

    @Override
    public boolean delete(SecretId id, Instant at) {
        // Its place in Locate's order outlives it for the anchor retention, for a Locate paging after it (V22_1,
        // V42_1__locate_anchor_retention.sql): the time of deletion is what the prune job ages it by.
        handle.createUpdate("DELETE FROM locate_anchors WHERE id = ?").bind(0, id.toString()).execute();
        handle.createUpdate("INSERT INTO locate_anchors (id, project, created, deleted)"
                        + " SELECT id, project, created, ? FROM secrets WHERE id = ?")
                .bind(0, EpochMicros.floor(at)).bind(1, id.toString()).execute();
        // Payload and user metadata go with it through ON DELETE CASCADE.
        return handle.createUpdate("DELETE FROM secrets WHERE id = ?").bind(0, id.toString()).execute() == 1;
    }

    @Override
    public Page<Secret> list(ProjectId project, SecretQuery query, Instant now) {
        SecretListingSql sql = new SecretListingSql(project, query, now);
        long total = bindAll(handle.createQuery(sql.countSql()), sql.parameters()).mapTo(Long.class).one();
        if (total <= query.offset()) {
            return new Page<>(List.of(), total);
        }
        List<Object> parameters = sql.parameters();
        List<Secret> items = bindAll(handle.createQuery(sql.pageSql()), parameters)
                .bind(parameters.size(), query.limit())
                .bind(parameters.size() + 1, query.offset())
                .map(SecretRows.MAPPER)
                .list();
        return new Page<>(items, total);
    }

    @Override
    public Map<String, String> userMetadata(SecretId id) {
        Map<String, String> metadata = new LinkedHashMap<>();
        handle.createQuery("SELECT key, value FROM secret_user_metadata WHERE secret_id = ? ORDER BY position, key")
                .bind(0, id.toString())
                .map((rs, ctx) -> Map.entry(rs.getString("key"), rs.getString("value")))
                .forEach(entry -> metadata.put(entry.getKey(), entry.getValue()));
        return metadata;
    }

    @Override
    public void replaceUserMetadata(SecretId id, Map<String, String> metadata) {
        lockSecret(id);
        handle.createUpdate("DELETE FROM secret_user_metadata WHERE secret_id = ?").bind(0, id.toString()).execute();
        if (metadata.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO secret_user_metadata (secret_id, key, value, position) VALUES (?, ?, ?, ?)");
        int position = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            batch.bind(0, id.toString()).bind(1, entry.getKey()).bind(2, entry.getValue()).bind(3, ++position).add();
        }
        batch.execute();
    }

    @Override
    public boolean addUserMetadatum(SecretId id, String key, String value) {
        lockSecret(id);
        return handle.createUpdate("""
                        INSERT INTO secret_user_metadata (secret_id, key, value, position)
                        SELECT ?, ?, ?, COALESCE(MAX(position), 0) + 1 FROM secret_user_metadata WHERE secret_id = ?
                        ON CONFLICT (secret_id, key) DO NOTHING""")
                .bind(0, id.toString())
                .bind(1, key)
                .bind(2, value)
                .bind(3, id.toString())
                .execute() == 1;
    }

    @Override
    public boolean updateUserMetadatum(SecretId id, String key, String value) {
        return handle.createUpdate("UPDATE secret_user_metadata SET value = ? WHERE secret_id = ? AND key = ?")
                .bind(0, value)
                .bind(1, id.toString())
                .bind(2, key)
                .execute() == 1;
    }

    @Override
    public boolean deleteUserMetadatum(SecretId id, String key) {
        return handle.createUpdate("DELETE FROM secret_user_metadata WHERE secret_id = ? AND key = ?")
                .bind(0, id.toString())
                .bind(1, key)
                .execute() == 1;
    }

    static void insertPayload(Handle handle, SecretId id, SealedPayload payload) {
        HotStatements.update(handle, "INSERT INTO secret_payloads (secret_id, kek_version, ciphertext) VALUES (?, ?, ?)",
                id.toString(), payload.kekVersion(), payload.ciphertext());
    }

    /**
     * Takes the secret's row lock on PostgreSQL, so that concurrent changes to one secret's metadata (which read the
     * existing rows to number the new ones) run one after the other. SQLite has a single writer already.
     */
    private void lockSecret(SecretId id) {
        handle.createUpdate("UPDATE secrets SET updated = updated WHERE id = ?").bind(0, id.toString()).execute();
    }

    private static Query bindAll(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.bind(i, parameters.get(i));
        }
        return query;
    }
}
