package dev.donjon.server.store;

import dev.donjon.server.domain.Lifecycle;
import dev.donjon.server.domain.LifecycleState;
import dev.donjon.server.domain.LinkKind;
import dev.donjon.server.domain.LocateQuery;
import dev.donjon.server.domain.ManagedObject;
import dev.donjon.server.domain.ManagedObjectRepository;
import dev.donjon.server.domain.ObjectAttributes;
import dev.donjon.server.domain.ObjectLink;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.Revocation;
import dev.donjon.server.domain.RevocationReason;
import dev.donjon.server.domain.Secret;
import dev.donjon.server.domain.SecretId;
import dev.donjon.server.domain.UsageMask;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Lifecycle columns of the secrets table and the attribute tables of V2__kmip.sql. */
final class JdbcManagedObjectRepository implements ManagedObjectRepository {
    /** Selected after {@link SecretRows#COLUMNS}, and read by position in that order. */
    private static final String LIFECYCLE_COLUMNS = "state, usage_mask, activation_date, deactivation_date, "
            + "destroy_date, compromise_occurrence_date, compromise_date, revocation_reason, revocation_message";
    /** Position of {@code created} in {@link SecretRows#COLUMNS}. */
    private static final int CREATED_COLUMN = 9;

    private final Handle handle;

    JdbcManagedObjectRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void describe(SecretId id, Lifecycle lifecycle, ObjectAttributes attributes) {
        Instant updated = handle.createQuery("SELECT updated FROM secrets WHERE id = ?").bind(0, id.toString())
                .mapTo(Long.class).findOne().map(EpochMicros::toInstant)
                .orElseThrow(() -> new IllegalStateException("describe() needs the secret inserted first"));
        updateLifecycle(id, lifecycle, updated);
        replaceAttributes(id, attributes, updated);
    }

    @Override
    public Optional<ManagedObject> find(SecretId id) {
        String key = id.toString();
        Optional<Row> row = HotReads.first(handle, "SELECT " + SecretRows.COLUMNS + ", " + LIFECYCLE_COLUMNS
                + " FROM secrets WHERE id = ?", rs -> new Row(SecretRows.read(rs), lifecycle(rs), usageMask(rs)), key);
        return row.map(r -> new ManagedObject(r.secret(), r.lifecycle(), attributes(r.secret(), r.usageMask())));
    }

    @Override
    public void updateLifecycle(SecretId id, Lifecycle lifecycle, Instant at) {
        Revocation revocation = lifecycle.revocation();
        handle.createUpdate("""
                        UPDATE secrets SET state = ?, activation_date = ?, deactivation_date = ?, destroy_date = ?,
                            compromise_occurrence_date = ?, compromise_date = ?, revocation_reason = ?,
                            revocation_message = ?, updated = ?
                        WHERE id = ?""")
                .bind(0, lifecycle.state().storedName())
                .bind(1, EpochMicros.floorOrNull(lifecycle.activationDate()))
                .bind(2, EpochMicros.floorOrNull(lifecycle.deactivationDate()))
                .bind(3, EpochMicros.floorOrNull(lifecycle.destroyDate()))
                .bind(4, EpochMicros.floorOrNull(lifecycle.compromiseOccurrenceDate()))
                .bind(5, EpochMicros.floorOrNull(lifecycle.compromiseDate()))
                .bind(6, revocation == null ? null : revocation.reason().storedName())
                .bind(7, revocation == null ? null : revocation.message())
                .bind(8, EpochMicros.floor(at))
                .bind(9, id.toString())
                .execute();
    }

    @Override
    public void replaceAttributes(SecretId id, ObjectAttributes attributes, Instant at) {
        String key = id.toString();
        String project = handle.createQuery("SELECT project FROM secrets WHERE id = ?").bind(0, key)
                .mapTo(String.class).findOne()
                .orElseThrow(() -> new IllegalStateException("no secret to attach attributes to"));
        handle.createUpdate("UPDATE secrets SET usage_mask = ?, name = ?, updated = ? WHERE id = ?")
                .bind(0, attributes.usageMask().bits())
                .bind(1, attributes.names().isEmpty() ? null : attributes.names().getFirst())
                .bind(2, EpochMicros.floor(at))
                .bind(3, key)
                .execute();
        for (String table : List.of("object_names", "object_links", "object_text_attributes")) {
            handle.createUpdate("DELETE FROM " + table + " WHERE secret_id = ?").bind(0, key).execute();
        }
        if (!attributes.names().isEmpty()) {
            PreparedBatch names = handle.prepareBatch(
                    "INSERT INTO object_names (secret_id, position, project, name) VALUES (?, ?, ?, ?)");
            for (int i = 0; i < attributes.names().size(); i++) {
                names.bind(0, key).bind(1, i).bind(2, project).bind(3, attributes.names().get(i)).add();
            }
            names.execute();
        }
        if (!attributes.links().isEmpty()) {
            PreparedBatch links = handle.prepareBatch(
                    "INSERT INTO object_links (secret_id, position, kind, target) VALUES (?, ?, ?, ?)");
            for (int i = 0; i < attributes.links().size(); i++) {
                ObjectLink link = attributes.links().get(i);
                links.bind(0, key).bind(1, i).bind(2, link.kind().storedName()).bind(3, link.target()).add();
            }
            links.execute();
        }
        if (!attributes.text().isEmpty()) {
            PreparedBatch text = handle.prepareBatch(
                    "INSERT INTO object_text_attributes (secret_id, name, position, value) VALUES (?, ?, ?, ?)");
            attributes.text().forEach((name, values) -> {
                for (int i = 0; i < values.size(); i++) {
                    text.bind(0, key).bind(1, name).bind(2, i).bind(3, values.get(i)).add();
                }
            });
            text.execute();
        }
    }

    @Override
    public void deletePayload(SecretId id) {
        handle.createUpdate("DELETE FROM secret_payloads WHERE secret_id = ?").bind(0, id.toString()).execute();
    }

    @Override
    public Page<SecretId> locate(ProjectId project, LocateQuery query, Instant now) {
        LocateSql sql = LocateSql.of(project, query, now, engine());
        long total = bind(handle.createQuery(sql.countSql()), sql.parameters()).mapTo(Long.class).one();
        if (total <= query.offset() || query.maxItems() == 0) {
            return new Page<>(List.of(), total);
        }
        List<SecretId> ids = bind(handle.createQuery(sql.pageSql()), sql.parameters())
                .bind(sql.parameters().size(), query.maxItems())
                .bind(sql.parameters().size() + 1, query.offset())
                .map((rs, ctx) -> new SecretId(UUID.fromString(rs.getString("id"))))
                .list();
        return new Page<>(ids, total);
    }

    private Engine engine() {
        try {
            return Engine.of(handle.getConnection().getMetaData().getURL());
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot tell the database engine", e);
        }
    }

    /**
     * The SQL of one Locate. Every criterion is a bound parameter on an indexed column of the caller's project; the
     * column names come from this class only.
     */
    record LocateSql(String from, String where, List<Object> parameters) {
        /** Destroyed states, as stored. */
        private static final String DESTROYED = "('" + LifecycleState.DESTROYED.storedName() + "', '"
                + LifecycleState.DESTROYED_COMPROMISED.storedName() + "')";

        static LocateSql of(ProjectId project, LocateQuery query, Instant now) {
            return of(project, query, now, Engine.SQLITE);
        }

        static LocateSql of(ProjectId project, LocateQuery query, Instant now, Engine engine) {
            List<Object> parameters = new ArrayList<>();
            // With a name, the few objects bearing it drive the query: otherwise SQLite prefers walking the whole
            // project in creation order (to skip the sort) and tests every row against the name. SQLite never
            // reorders a CROSS JOIN, so the named ids are the outer loop; PostgreSQL plans it as any inner join.
            // A wild-card pattern is matched case-sensitively: GLOB on SQLite, which searches the name index by the
            // pattern's literal prefix, LIKE on PostgreSQL.
            String from = query.name().map(pattern -> {
                // A pattern starts with a literal (LocateQuery), which SQLite turns into a range on the name indexes.
                String test;
                Object value;
                if (pattern.isExact()) {
                    test = "name = ?";
                    value = pattern.literal();
                } else if (engine == Engine.SQLITE) {
                    test = "name GLOB ?";
                    value = pattern.glob();
                } else {
                    test = "name LIKE ? ESCAPE '!'";
                    value = pattern.like();
                }
                parameters.addAll(List.of(project.value(), value, project.value(), value));
                return "(SELECT id FROM secrets WHERE project = ? AND " + test
                        + " UNION SELECT secret_id AS id FROM object_names WHERE project = ? AND " + test + ") named"
                        + " CROSS JOIN secrets";
            }).orElse("secrets");
            StringBuilder where = new StringBuilder(query.name().isPresent() ? "secrets.id = named.id AND " : "")
                    .append("secrets.project = ? AND (expiration IS NULL OR expiration > ?)");
            parameters.addAll(List.of(project.value(), EpochMicros.floor(now)));
            query.type().ifPresent(type -> condition(where, parameters, "type", type.wireName()));
            query.state().ifPresent(state -> condition(where, parameters, "state", state.storedName()));
            switch (query.storage()) {
                case ONLINE -> where.append(" AND state NOT IN ").append(DESTROYED);
                case DESTROYED -> where.append(" AND state IN ").append(DESTROYED);
                case ANY -> {
                }
            }
            query.algorithm().ifPresent(algorithm -> condition(where, parameters, "algorithm", algorithm));
            query.bitLength().ifPresent(bits -> condition(where, parameters, "bit_length", bits));
            return new LocateSql(from, where.toString(), List.copyOf(parameters));
        }

        String countSql() {
            return "SELECT COUNT(*) FROM " + from + " WHERE " + where;
        }

        /** Takes {@link #parameters()} followed by the limit and the offset. */
        String pageSql() {
            return "SELECT secrets.id AS id FROM " + from + " WHERE " + where
                    + " ORDER BY secrets.created, secrets.id LIMIT ? OFFSET ?";
        }
    }

    private static void condition(StringBuilder where, List<Object> parameters, String column, Object value) {
        where.append(" AND ").append(column).append(" = ?");
        parameters.add(value);
    }

    private static Query bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.bind(i, parameters.get(i));
        }
        return query;
    }

    /** One row of {@link #attributes}: which attribute table it came from decides what it holds. */
    private sealed interface AttributeRow {
        record Name(String name) implements AttributeRow {
        }

        record Link(ObjectLink link) implements AttributeRow {
        }

        record Text(String name, String value) implements AttributeRow {
        }
    }

    /**
     * Names, links and text attributes in one statement rather than three: a key read is the hot path, and each
     * statement costs a prepare, a step and its own mapping. Each part keeps its own order.
     */
    private ObjectAttributes attributes(Secret secret, UsageMask usageMask) {
        String key = secret.id().toString();
        List<AttributeRow> rows = HotReads.list(handle, """
                        SELECT 0 AS part, '' AS sort_name, position, name AS first, NULL AS second
                            FROM object_names WHERE secret_id = ?
                        UNION ALL SELECT 1, '', position, kind, target FROM object_links WHERE secret_id = ?
                        UNION ALL SELECT 2, name, position, name, value FROM object_text_attributes WHERE secret_id = ?
                        ORDER BY part, sort_name, position""",
                rs -> switch (rs.getInt(1)) {
                    case 0 -> new AttributeRow.Name(rs.getString(4));
                    case 1 -> new AttributeRow.Link(new ObjectLink(LinkKind.fromStoredName(rs.getString(4))
                            .orElseThrow(() -> new IllegalStateException("unknown link kind in the store")),
                            rs.getString(5)));
                    default -> new AttributeRow.Text(rs.getString(4), rs.getString(5));
                },
                key, key, key);
        List<String> names = new ArrayList<>();
        List<ObjectLink> links = new ArrayList<>();
        Map<String, List<String>> text = new LinkedHashMap<>();
        for (AttributeRow row : rows) {
            switch (row) {
                case AttributeRow.Name name -> names.add(name.name());
                case AttributeRow.Link link -> links.add(link.link());
                case AttributeRow.Text value -> text.computeIfAbsent(value.name(), k -> new ArrayList<>())
                        .add(value.value());
            }
        }
        if (names.isEmpty() && secret.name() != null && !secret.name().isEmpty()) {
            names = List.of(secret.name());
        }
        return new ObjectAttributes(usageMask, names, links, text);
    }

    /** The lifecycle columns, read by position: they follow {@link SecretRows#COLUMNS} in {@link #find}. */
    private static Lifecycle lifecycle(ResultSet rs) throws SQLException {
        int at = SecretRows.COLUMN_COUNT;
        LifecycleState state = LifecycleState.fromStoredName(rs.getString(at + 1))
                .orElseThrow(() -> new IllegalStateException("unknown lifecycle state in the store"));
        Instant activation = EpochMicros.instantOrNull(rs, at + 3);
        if (activation == null && state == LifecycleState.ACTIVE) {
            // Secrets created over REST were active from the moment they were stored.
            activation = EpochMicros.toInstant(rs.getLong(CREATED_COLUMN));
        }
        String reason = rs.getString(at + 8);
        Revocation revocation = reason == null ? null : new Revocation(RevocationReason.fromStoredName(reason)
                .orElseThrow(() -> new IllegalStateException("unknown revocation reason in the store")),
                rs.getString(at + 9));
        return new Lifecycle(state, activation, EpochMicros.instantOrNull(rs, at + 4),
                EpochMicros.instantOrNull(rs, at + 5), EpochMicros.instantOrNull(rs, at + 6),
                EpochMicros.instantOrNull(rs, at + 7), revocation);
    }

    private static UsageMask usageMask(ResultSet rs) throws SQLException {
        int bits = rs.getInt(SecretRows.COLUMN_COUNT + 2);
        return rs.wasNull() ? UsageMask.UNRESTRICTED : new UsageMask(bits);
    }

    private record Row(Secret secret, Lifecycle lifecycle, UsageMask usageMask) {
    }
}
