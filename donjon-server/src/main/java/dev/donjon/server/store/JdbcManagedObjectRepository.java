package dev.donjon.server.store;

import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.LifecycleState;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.LocateCriterion;
import dev.donjon.server.domain.object.LocateQuery;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.port.ManagedObjectRepository;
import dev.donjon.server.domain.object.NamePattern;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.ObjectLink;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.object.Revocation;
import dev.donjon.server.domain.object.RevocationReason;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.object.UsageMask;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/** Lifecycle and protection columns of the secrets table and the attribute tables of V2__kmip.sql. */
final class JdbcManagedObjectRepository implements ManagedObjectRepository {
    /** Selected after {@link SecretRows#COLUMNS}, and read by position in that order. */
    private static final String LIFECYCLE_COLUMNS = "state, usage_mask, activation_date, deactivation_date, "
            + "destroy_date, compromise_occurrence_date, compromise_date, revocation_reason, revocation_message";
    private static final int LIFECYCLE_COLUMN_COUNT = LIFECYCLE_COLUMNS.split(",").length;
    private static final String PROTECTION_COLUMNS = "sensitive, extractable";
    private static final String INSERT_OBJECT = "INSERT INTO secrets (" + SecretRows.COLUMNS + ", state, "
            + "activation_date, deactivation_date, destroy_date, compromise_occurrence_date, compromise_date, "
            + "revocation_reason, revocation_message, usage_mask, sensitive, extractable) VALUES ("
            + "?, ".repeat(SecretRows.COLUMN_COUNT + 10) + "?)";
    /** Position of {@code created} in {@link SecretRows#COLUMNS}. */
    private static final int CREATED_COLUMN = 9;

    private static final String NAME_TAKEN = "SELECT 1 FROM object_names JOIN secrets ON secrets.id = "
            + "object_names.secret_id WHERE object_names.project = ? AND object_names.name = ? AND secret_id <> ?"
            + " AND state NOT IN " + LocateSql.DESTROYED + " LIMIT 1";

    private final Handle handle;

    JdbcManagedObjectRepository(Handle handle) {
        this.handle = handle;
    }

    /**
     * One INSERT of the secret's row with its lifecycle and attribute columns, the payload, and the attribute rows, a
     * batch per table (the create path runs on SQLite's single writer). Inserting the row and then updating its
     * lifecycle and attribute columns, as this did, wrote the row twice and rewrote the entries of a dozen of the
     * table's indexes.
     */
    @Override
    public void insert(Secret secret, SealedPayload payload, Lifecycle lifecycle, ObjectAttributes attributes) {
        Revocation revocation = lifecycle.revocation();
        Object[] secretColumns = JdbcSecretRepository.insertValues(secret,
                attributes.names().isEmpty() ? null : attributes.names().getFirst(), payload);
        Object[] objectColumns = {
                lifecycle.state().storedName(),
                EpochMicros.floorOrNull(lifecycle.activationDate()),
                EpochMicros.floorOrNull(lifecycle.deactivationDate()),
                EpochMicros.floorOrNull(lifecycle.destroyDate()),
                EpochMicros.floorOrNull(lifecycle.compromiseOccurrenceDate()),
                EpochMicros.floorOrNull(lifecycle.compromiseDate()),
                revocation == null ? null : revocation.reason().storedName(),
                revocation == null ? null : revocation.message(),
                attributes.usageMask().bits(),
                attributes.protection().sensitive() ? 1 : 0,
                attributes.protection().extractable() ? 1 : 0};
        Object[] values = java.util.Arrays.copyOf(secretColumns, secretColumns.length + objectColumns.length);
        System.arraycopy(objectColumns, 0, values, secretColumns.length, objectColumns.length);
        HotStatements.update(handle, INSERT_OBJECT, values);
        if (payload != null) {
            JdbcSecretRepository.insertPayload(handle, secret.id(), payload);
        }
        insertAttributeRows(secret.id().toString(), secret.project().value(), attributes);
    }

    @Override
    public Optional<ManagedObject> find(SecretId id) {
        String key = id.toString();
        Optional<Row> row = HotStatements.first(handle, "SELECT " + SecretRows.COLUMNS + ", " + LIFECYCLE_COLUMNS + ", "
                + PROTECTION_COLUMNS + " FROM secrets WHERE id = ?",
                rs -> new Row(SecretRows.read(rs), lifecycle(rs), usageMask(rs), protection(rs)), key);
        return row.map(r -> new ManagedObject(r.secret(), r.lifecycle(), attributes(r.secret(), r.usageMask(),
                r.protection())));
    }

    @Override
    public KeyProtection protection(SecretId id) {
        // Part of a REST payload read, beside the secret's row and its payload: kept prepared like them.
        return HotStatements.first(handle, "SELECT " + PROTECTION_COLUMNS + " FROM secrets WHERE id = ?",
                        rs -> new KeyProtection(rs.getInt(1) != 0, rs.getInt(2) != 0), id.toString())
                .orElseThrow(() -> new IllegalStateException("no secret to read the protection of"));
    }

    @Override
    public Map<String, List<String>> textAttributes(SecretId id, List<String> names) {
        Map<String, List<String>> text = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT name, value FROM object_text_attributes WHERE secret_id = ? "
                + "AND name IN (");
        List<Object> parameters = new ArrayList<>(List.of(id.toString()));
        for (String name : names) {
            sql.append(parameters.size() == 1 ? "?" : ", ?");
            parameters.add(name);
        }
        sql.append(") ORDER BY name, position");
        var query = handle.createQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.bind(i, parameters.get(i));
        }
        query.map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).forEach(row ->
                text.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]));
        return text;
    }

    @Override
    public void updateLifecycle(SecretId id, Lifecycle lifecycle, Instant at) {
        Revocation revocation = lifecycle.revocation();
        HotStatements.update(handle, """
                        UPDATE secrets SET state = ?, activation_date = ?, deactivation_date = ?, destroy_date = ?,
                            compromise_occurrence_date = ?, compromise_date = ?, revocation_reason = ?,
                            revocation_message = ?, updated = ?
                        WHERE id = ?""",
                lifecycle.state().storedName(),
                EpochMicros.floorOrNull(lifecycle.activationDate()),
                EpochMicros.floorOrNull(lifecycle.deactivationDate()),
                EpochMicros.floorOrNull(lifecycle.destroyDate()),
                EpochMicros.floorOrNull(lifecycle.compromiseOccurrenceDate()),
                EpochMicros.floorOrNull(lifecycle.compromiseDate()),
                revocation == null ? null : revocation.reason().storedName(),
                revocation == null ? null : revocation.message(),
                EpochMicros.floor(at),
                id.toString());
    }

    @Override
    public void replaceAttributes(SecretId id, ObjectAttributes attributes, Instant at) {
        // Plain JDBC: a KMIP Get of a Fresh key clears Fresh here, and through JDBI these six statements cost more than
        // SQLite running them.
        String key = id.toString();
        String project = HotStatements.first(handle, "SELECT project FROM secrets WHERE id = ?", rs -> rs.getString(1),
                        key)
                .orElseThrow(() -> new IllegalStateException("no secret to attach attributes to"));
        HotStatements.update(handle, "UPDATE secrets SET usage_mask = ?, name = ?, sensitive = ?, extractable = ?, "
                        + "updated = ? WHERE id = ?",
                attributes.usageMask().bits(), attributes.names().isEmpty() ? null : attributes.names().getFirst(),
                attributes.protection().sensitive() ? 1 : 0, attributes.protection().extractable() ? 1 : 0,
                EpochMicros.floor(at), key);
        for (String table : List.of("object_names", "object_links", "object_text_attributes", "object_usage_bits")) {
            HotStatements.update(handle, "DELETE FROM " + table + " WHERE secret_id = ?", key);
        }
        insertAttributeRows(key, project, attributes);
    }

    private void insertAttributeRows(String key, String project, ObjectAttributes attributes) {
        List<Object[]> names = new ArrayList<>();
        for (int i = 0; i < attributes.names().size(); i++) {
            names.add(new Object[] {key, i, project, attributes.names().get(i)});
        }
        HotStatements.batch(handle, "INSERT INTO object_names (secret_id, position, project, name) VALUES (?, ?, ?, ?)",
                names);
        List<Object[]> links = new ArrayList<>();
        for (int i = 0; i < attributes.links().size(); i++) {
            ObjectLink link = attributes.links().get(i);
            links.add(new Object[] {key, i, link.kind().storedName(), link.target()});
        }
        HotStatements.batch(handle, "INSERT INTO object_links (secret_id, position, kind, target) VALUES (?, ?, ?, ?)",
                links);
        List<Object[]> text = new ArrayList<>();
        attributes.text().forEach((name, values) -> {
            for (int i = 0; i < values.size(); i++) {
                text.add(new Object[] {key, name, i, values.get(i), project});
            }
        });
        HotStatements.batch(handle, "INSERT INTO object_text_attributes (secret_id, name, position, value, project)"
                + " VALUES (?, ?, ?, ?, ?)", text);
        List<Object[]> bits = new ArrayList<>();
        for (int bit : bits(attributes.usageMask().bits())) {
            bits.add(new Object[] {key, bit, project});
        }
        HotStatements.batch(handle, "INSERT INTO object_usage_bits (secret_id, bit, project) VALUES (?, ?, ?)", bits);
    }

    /**
     * On PostgreSQL each name is held by a transaction-scoped advisory lock on the hashes of the project and the name, taken in one
     * order so that two transactions claiming several names cannot deadlock; a hash collision only makes two unrelated
     * names wait for each other. READ COMMITTED then sees the name of any transaction that held the lock before. SQLite
     * has one writer, so the query alone is race-free there.
     */
    @Override
    public Set<String> namesTaken(ProjectId project, Collection<String> names, SecretId except) {
        SortedSet<String> wanted = new TreeSet<>(names);
        if (engine() == Engine.POSTGRESQL) {
            for (String name : wanted) {
                HotStatements.list(handle, "SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))", rs -> 1,
                        project.value(), name);
            }
        }
        Set<String> taken = new HashSet<>();
        for (String name : wanted) {
            HotStatements.first(handle, NAME_TAKEN, rs -> 1, project.value(), name, except.toString())
                    .ifPresent(found -> taken.add(name));
        }
        return taken;
    }

    @Override
    public void deletePayload(SecretId id) {
        HotStatements.update(handle, "DELETE FROM secret_payloads WHERE secret_id = ?", id.toString());
    }

    @Override
    public Page<SecretId> locate(ProjectId project, LocateQuery query, Instant now) {
        for (LocateCriterion criterion : query.criteria()) {
            if (criterion instanceof LocateCriterion.After(SecretId anchor) && !hasPlace(project, anchor)) {
                throw new DomainException.InvalidInput("the Locate anchor (x-donjon-after) " + anchor + " is not an "
                        + "object of this project, nor one deleted within the anchor retention: restart the listing"
                        + " from its first page");
            }
        }
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

    /** Whether the anchor has a place in the project's Locate order: a stored object, or a deleted one's kept row. */
    private boolean hasPlace(ProjectId project, SecretId anchor) {
        Fragment place = LocateSql.place(project, anchor);
        return bind(handle.createQuery("SELECT " + place.sql()), place.parameters())
                .map((rs, ctx) -> rs.getObject(1) != null).one();
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
     *
     * <p>The most selective criterion that an index answers by itself (identifier, name, text attribute, link,
     * revocation, date, usage bit) drives the query: its identifiers are the outer loop of a CROSS JOIN, which SQLite
     * never reorders, so that it does not walk the whole project in creation order to skip the sort and test every
     * row; PostgreSQL plans it as any inner join. The other criteria test the rows so found. Without such a
     * criterion (object type, state, algorithm, length, Sensitive, Extractable only) the secrets indexes of the
     * project serve the query.
     */
    record LocateSql(String from, String where, List<Object> parameters) {
        /** Destroyed states, as stored. */
        private static final String DESTROYED = "('" + LifecycleState.DESTROYED.storedName() + "', '"
                + LifecycleState.DESTROYED_COMPROMISED.storedName() + "')";

        /** How much of a text attribute's value object_text_attributes_by_project_value indexes (V5__locate.sql). */
        static final int INDEXED_VALUE_LENGTH = 256;
        private static final String INDEXED_VALUE = "substr(value, 1, " + INDEXED_VALUE_LENGTH + ")";

        static LocateSql of(ProjectId project, LocateQuery query, Instant now) {
            return of(project, query, now, Engine.SQLITE);
        }

        static LocateSql of(ProjectId project, LocateQuery query, Instant now, Engine engine) {
            List<Driver> sets = new ArrayList<>();
            List<Fragment> conditions = new ArrayList<>();
            for (LocateCriterion criterion : query.criteria()) {
                switch (criterion) {
                    case LocateCriterion.OfType(SecretType type) ->
                            conditions.add(new Fragment("secrets.type = ?", type.wireName()));
                    case LocateCriterion.InState(LifecycleState state) -> conditions.add(inState(state, now));
                    case LocateCriterion.Algorithm(String name) ->
                            conditions.add(new Fragment("secrets.algorithm = ?", name));
                    case LocateCriterion.BitLength(int bits) ->
                            conditions.add(new Fragment("secrets.bit_length = ?", bits));
                    case LocateCriterion.Sensitive(boolean sensitive) ->
                            conditions.add(new Fragment("secrets.sensitive = ?", sensitive ? 1 : 0));
                    case LocateCriterion.Extractable(boolean extractable) ->
                            conditions.add(new Fragment("secrets.extractable = ?", extractable ? 1 : 0));
                    case LocateCriterion.Identifier(SecretId id) ->
                            sets.add(new Driver(0, new Fragment("SELECT id FROM secrets WHERE id = ?", id.toString())));
                    case LocateCriterion.Named(NamePattern pattern) -> sets.add(named(project, pattern, engine));
                    case LocateCriterion.Text text -> sets.add(new Driver(1, text(project, text)));
                    case LocateCriterion.TextMatching matching -> sets.add(textMatching(project, matching, engine));
                    case LocateCriterion.After(SecretId anchor) -> conditions.add(after(project, anchor));
                    case LocateCriterion.Linked(Optional<LinkKind> kind, String target) -> sets.add(new Driver(1, kind
                            .map(k -> new Fragment("SELECT DISTINCT secret_id AS id FROM object_links"
                                    + " WHERE target = ? AND kind = ?", target, k.storedName()))
                            .orElseGet(() -> new Fragment("SELECT DISTINCT secret_id AS id FROM object_links"
                                    + " WHERE target = ?", target))));
                    case LocateCriterion.Revoked(RevocationReason reason, Optional<String> message) -> {
                        sets.add(new Driver(2, new Fragment("SELECT id FROM secrets WHERE project = ?"
                                + " AND revocation_reason = ?", project.value(), reason.storedName())));
                        message.ifPresent(m -> conditions.add(new Fragment("secrets.revocation_message = ?", m)));
                    }
                    case LocateCriterion.Dated(LocateCriterion.DateField field, Instant from, Instant to) ->
                            sets.add(new Driver(2, new Fragment("SELECT id FROM secrets WHERE project = ? AND "
                                    + column(field) + " BETWEEN ? AND ?", project.value(), EpochMicros.floor(from),
                                    EpochMicros.floor(to))));
                    case LocateCriterion.UsageIncludes(UsageMask mask) -> {
                        for (int bit : bits(mask.bits())) {
                            sets.add(new Driver(3, new Fragment("SELECT secret_id AS id FROM object_usage_bits"
                                    + " WHERE project = ? AND bit = ?", project.value(), bit)));
                        }
                    }
                }
            }
            List<Object> parameters = new ArrayList<>();
            String from = "secrets";
            StringBuilder where = new StringBuilder();
            if (!sets.isEmpty()) {
                sets.sort(java.util.Comparator.comparingInt(Driver::rank));
                Fragment driver = sets.getFirst().fragment();
                from = "(" + driver.sql() + ") driver CROSS JOIN secrets";
                parameters.addAll(driver.parameters());
                where.append("secrets.id = driver.id AND ");
                for (Driver set : sets.subList(1, sets.size())) {
                    conditions.add(set.test().orElseGet(() -> new Fragment("secrets.id IN (" + set.fragment().sql()
                            + ")", set.fragment().parameters())));
                }
            }
            where.append("secrets.project = ? AND (secrets.expiration IS NULL OR secrets.expiration > ?)");
            parameters.addAll(List.of(project.value(), EpochMicros.floor(now)));
            switch (query.storage()) {
                case ONLINE -> where.append(" AND secrets.state NOT IN ").append(DESTROYED);
                case DESTROYED -> where.append(" AND secrets.state IN ").append(DESTROYED);
                case ANY -> {
                }
            }
            for (Fragment condition : conditions) {
                where.append(" AND ").append(condition.sql());
                parameters.addAll(condition.parameters());
            }
            return new LocateSql(from, where.toString(), List.copyOf(parameters));
        }

        /**
         * The objects bearing a name: the secrets' own name (REST-created secrets have no object_names rows) and
         * their KMIP names. A pattern is matched case-sensitively: GLOB on SQLite, which searches the name indexes
         * by the pattern's literal prefix, LIKE on PostgreSQL. A pattern with no literal prefix (a leading wild-card)
         * has no range to search: it walks the names of the caller's project in the name indexes, never the secrets
         * rows nor other projects' names; serving it from an index would take one of reversed names (for "*suffix")
         * or of trigrams, which Donjon does not keep.
         */
        private static Driver named(ProjectId project, NamePattern pattern, Engine engine) {
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
            Fragment names = new Fragment("SELECT id FROM secrets WHERE project = ? AND " + test
                    + " UNION SELECT secret_id AS id FROM object_names WHERE project = ? AND " + test,
                    project.value(), value, project.value(), value);
            if (!pattern.literal().isEmpty()) {
                return new Driver(1, names);
            }
            // Beside a criterion that drives, the names of each object found are tested instead.
            return new Driver(4, names, Optional.of(new Fragment("(secrets." + test + " OR EXISTS (SELECT 1 FROM"
                    + " object_names WHERE object_names.secret_id = secrets.id AND object_names." + test + "))",
                    value, value)));
        }

        /**
         * The objects with a text attribute in one of the ranges: the indexed prefix of the value narrows the index
         * range, the whole value decides.
         */
        private static Fragment text(ProjectId project, LocateCriterion.Text text) {
            List<String> branches = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            // An object may hold the same value at two attribute indexes: it is still one match, which UNION
            // ensures between branches and DISTINCT within the only one.
            String select = "SELECT " + (text.anyOf().size() == 1 ? "DISTINCT " : "")
                    + "secret_id AS id FROM object_text_attributes WHERE project = ? AND name = ? AND ";
            for (LocateCriterion.TextRange range : text.anyOf()) {
                parameters.addAll(List.of(project.value(), text.name()));
                if (range.isExact()) {
                    branches.add(select + INDEXED_VALUE + " = ? AND value = ?");
                    parameters.addAll(List.of(prefix(range.low()), range.low()));
                } else {
                    branches.add(select + INDEXED_VALUE + " BETWEEN ? AND ? AND value BETWEEN ? AND ?");
                    parameters.addAll(List.of(prefix(range.low()), prefix(range.high()), range.low(),
                            range.high()));
                }
            }
            return new Fragment(String.join(" UNION ", branches), parameters);
        }

        /**
         * The objects with a text attribute whose value the pattern matches: GLOB on SQLite, LIKE on PostgreSQL, both
         * case-sensitive, as for names. A literal prefix narrows the range of the value index; a pattern with a
         * leading wild-card walks the attribute's values in the caller's project.
         */
        private static Driver textMatching(ProjectId project, LocateCriterion.TextMatching matching, Engine engine) {
            NamePattern pattern = matching.pattern();
            String test = engine == Engine.SQLITE ? "value GLOB ?" : "value LIKE ? ESCAPE '!'";
            Object value = engine == Engine.SQLITE ? pattern.glob() : pattern.like();
            String literal = prefix(pattern.literal());
            String select = "SELECT DISTINCT secret_id AS id FROM object_text_attributes WHERE project = ? AND name = ?"
                    + " AND ";
            if (literal.isEmpty()) {
                return new Driver(4, new Fragment(select + test, project.value(), matching.name(), value));
            }
            // Every value starting with the literal prefix sorts from the prefix itself to the prefix followed by the
            // highest code point.
            return new Driver(1, new Fragment(select + INDEXED_VALUE + " BETWEEN ? AND ? AND " + test,
                    project.value(), matching.name(), literal, literal + "\uDBFF\uDFFF", value));
        }

        /**
         * Strictly after the anchor in Locate's order (created, then id, both descending), at its {@link #place}.
         * {@link #locate} has refused an anchor without one.
         */
        private static Fragment after(ProjectId project, SecretId anchor) {
            Fragment place = place(project, anchor);
            List<Object> parameters = new ArrayList<>(place.parameters());
            parameters.addAll(place.parameters());
            parameters.add(anchor.toString());
            return new Fragment("(secrets.created < " + place.sql() + " OR (secrets.created = " + place.sql()
                    + " AND secrets.id < ?))", parameters);
        }

        /**
         * The anchor's Initial Date, read from its row in the project, or from the row kept for it when it was
         * deleted (locate_anchors, V22_1 and V42_1, until the anchor retention has passed); NULL when it has no place
         * there. Another project's object has none, so that its place in time is not revealed.
         */
        static Fragment place(ProjectId project, SecretId anchor) {
            // The live row first: an identifier replaced by an import was deleted once and stored again.
            return new Fragment("COALESCE((SELECT created FROM secrets WHERE id = ? AND project = ?),"
                    + " (SELECT created FROM locate_anchors WHERE id = ? AND project = ?))", anchor.toString(),
                    project.value(), anchor.toString(), project.value());
        }

        /** What SQL's substr(value, 1, n) gives: the first n characters, counted in code points by both engines. */
        private static String prefix(String value) {
            return value.codePointCount(0, value.length()) <= INDEXED_VALUE_LENGTH ? value
                    : value.substring(0, value.offsetByCodePoints(0, INDEXED_VALUE_LENGTH));
        }

        private static String column(LocateCriterion.DateField field) {
            return switch (field) {
                case INITIAL -> "created";
                case LAST_CHANGE -> "updated";
                case ACTIVATION -> "activation_date";
                case DEACTIVATION -> "deactivation_date";
                case DESTROY -> "destroy_date";
                case COMPROMISE_OCCURRENCE -> "compromise_occurrence_date";
                case COMPROMISE -> "compromise_date";
            };
        }

        String countSql() {
            return "SELECT COUNT(*) FROM " + from + " WHERE " + where;
        }

        /**
         * Takes {@link #parameters()} followed by the limit and the offset. Most recently created first: "Responses
         * containing Unique Identifiers for multiple objects SHALL be returned in descending order of object creation
         * (most recently created object first)" (KMIP 2.1 §6.1.28; KMIP 1.4 §4.9 sets no order, and Donjon answers
         * 1.x the same way).
         */
        String pageSql() {
            return "SELECT secrets.id AS id FROM " + from + " WHERE " + where
                    + " ORDER BY secrets.created DESC, secrets.id DESC LIMIT ? OFFSET ?";
        }
    }

    /**
     * The identifiers one criterion selects, with how few it is likely to select: 0 one object, 1 a few (a name, a
     * text value, a link target), 2 a range of a project's lifecycle, 3 a usage bit many keys share, 4 a walk of
     * the project's names. Where it does not drive, its {@code test} (if any) tests the rows found, else they must be
     * among its identifiers.
     */
    private record Driver(int rank, Fragment fragment, Optional<Fragment> test) {
        Driver(int rank, Fragment fragment) {
            this(rank, fragment, Optional.empty());
        }
    }

    /** A piece of SQL and the parameters it binds, in order. */
    /**
     * The objects in {@code state} at {@code now}, as {@code Lifecycle.at} derives it: a stored Pre-Active object
     * whose Activation Date has passed is Active, an Active one whose Deactivation Date has passed Deactivated. The
     * stored state leads each condition, so that the (project, state) index still serves it.
     */
    private static Fragment inState(LifecycleState state, Instant now) {
        long at = EpochMicros.floor(now);
        String pre = LifecycleState.PRE_ACTIVE.storedName();
        String active = LifecycleState.ACTIVE.storedName();
        String deactivated = LifecycleState.DEACTIVATED.storedName();
        String activeBy = "(secrets.state = ? OR secrets.activation_date <= ?)";
        return switch (state) {
            case PRE_ACTIVE -> new Fragment("secrets.state = ? AND (secrets.activation_date IS NULL"
                    + " OR secrets.activation_date > ?)", pre, at);
            case ACTIVE -> new Fragment("secrets.state IN (?, ?) AND " + activeBy
                    + " AND (secrets.deactivation_date IS NULL OR secrets.deactivation_date > ?)",
                    active, pre, active, at, at);
            case DEACTIVATED -> new Fragment("secrets.state IN (?, ?, ?) AND (secrets.state = ? OR (" + activeBy
                    + " AND secrets.deactivation_date <= ?))", deactivated, active, pre, deactivated, active, at, at);
            case COMPROMISED, DESTROYED, DESTROYED_COMPROMISED -> new Fragment("secrets.state = ?", state.storedName());
        };
    }

    private record Fragment(String sql, List<Object> parameters) {
        Fragment(String sql, Object... parameters) {
            this(sql, List.of(parameters));
        }
    }

    /** The single-bit masks of the bits set in {@code mask}. */
    private static List<Integer> bits(int mask) {
        List<Integer> bits = new ArrayList<>();
        for (int i = 0; i < Integer.SIZE; i++) {
            if ((mask & (1 << i)) != 0) {
                bits.add(1 << i);
            }
        }
        return bits;
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
    private ObjectAttributes attributes(Secret secret, UsageMask usageMask, KeyProtection protection) {
        String key = secret.id().toString();
        List<AttributeRow> rows = HotStatements.list(handle, """
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
        return new ObjectAttributes(usageMask, names, links, text, protection);
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

    /** The protection columns, read by position: they follow the lifecycle columns in {@link #find}. */
    private static KeyProtection protection(ResultSet rs) throws SQLException {
        int at = SecretRows.COLUMN_COUNT + LIFECYCLE_COLUMN_COUNT;
        return new KeyProtection(rs.getInt(at + 1) != 0, rs.getInt(at + 2) != 0);
    }

    private record Row(Secret secret, Lifecycle lifecycle, UsageMask usageMask, KeyProtection protection) {
    }
}
