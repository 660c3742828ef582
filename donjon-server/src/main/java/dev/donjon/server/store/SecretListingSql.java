package dev.donjon.server.store;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretQuery;
import dev.donjon.server.domain.barbican.SecretQuery.Sort;
import dev.donjon.server.domain.barbican.SecretQuery.TimeFilter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The SQL of one secret listing. Every filter value becomes a bound parameter; the only identifiers and operators in
 * the text come from {@link Column} and the comparison switch, so no caller input ever reaches the SQL itself.
 * The project is always the first condition, which every secrets index leads with.
 */
final class SecretListingSql {
    private final StringBuilder where = new StringBuilder("project = ?");
    private final List<Object> parameters = new ArrayList<>();
    private final String orderBy;

    SecretListingSql(ProjectId project, SecretQuery query, Instant now) {
        parameters.add(project.value());
        equal(Column.NAME, query.name());
        equal(Column.ALGORITHM, query.algorithm());
        equal(Column.MODE, query.mode());
        equal(Column.BIT_LENGTH, query.bitLength());
        equal(Column.TYPE, query.type() == null ? null : query.type().wireName());
        within(Column.CREATED, query.created());
        within(Column.UPDATED, query.updated());
        within(Column.EXPIRATION, query.expiration());
        where.append(" AND (expiration IS NULL OR expiration > ?)");
        parameters.add(EpochMicros.floor(now));
        orderBy = orderBy(query.sort());
    }

    String countSql() {
        return "SELECT COUNT(*) FROM secrets WHERE " + where;
    }

    /** Takes {@link #parameters()} followed by the limit and the offset. */
    String pageSql() {
        return "SELECT " + SecretRows.COLUMNS + " FROM secrets WHERE " + where + " ORDER BY " + orderBy
                + " LIMIT ? OFFSET ?";
    }

    List<Object> parameters() {
        return List.copyOf(parameters);
    }

    private void equal(Column column, Object value) {
        if (value != null) {
            where.append(" AND ").append(column.sqlName).append(" = ?");
            parameters.add(value);
        }
    }

    /**
     * Stored instants are whole microseconds; a bound with a finer fraction is rounded the way that keeps each
     * comparison exact, so that for example {@code GTE t} never admits the microsecond just before {@code t}.
     */
    private void within(Column column, List<TimeFilter> filters) {
        for (TimeFilter filter : filters) {
            long floor = EpochMicros.floor(filter.instant());
            long ceiling = EpochMicros.ceiling(filter.instant());
            where.append(" AND ").append(column.sqlName);
            switch (filter.comparison()) {
                case GT -> add(" > ?", floor);
                case GTE -> add(" >= ?", ceiling);
                case LT -> add(" < ?", ceiling);
                case LTE -> add(" <= ?", floor);
                // Empty when the instant falls strictly between two microseconds, as no stored value can equal it.
                case EQ -> {
                    add(" BETWEEN ?", ceiling);
                    add(" AND ?", floor);
                }
            }
        }
    }

    private void add(String sql, long micros) {
        where.append(sql);
        parameters.add(micros);
    }

    /** The caller's sort keys, then creation order and id: the default order, and a total order for stable paging. */
    private static String orderBy(List<Sort> sorts) {
        StringJoiner terms = new StringJoiner(", ");
        for (Sort sort : sorts) {
            Column.sortedBy(sort.field()).ifPresent(column -> terms.add(column.orderTerm(sort.descending())));
        }
        return terms.add("created").add("id").toString();
    }

    private enum Column {
        NAME("name", true),
        ALGORITHM("algorithm", true),
        MODE("mode", true),
        BIT_LENGTH("bit_length", true),
        TYPE("type", false),
        CREATED("created", false),
        UPDATED("updated", false),
        EXPIRATION("expiration", true);

        private final String sqlName;
        private final boolean nullable;

        Column(String sqlName, boolean nullable) {
            this.sqlName = sqlName;
            this.nullable = nullable;
        }

        static Optional<Column> sortedBy(SecretQuery.SortField field) {
            return switch (field) {
                case NAME -> Optional.of(NAME);
                case ALGORITHM -> Optional.of(ALGORITHM);
                case MODE -> Optional.of(MODE);
                case BIT_LENGTH -> Optional.of(BIT_LENGTH);
                case SECRET_TYPE -> Optional.of(TYPE);
                case CREATED -> Optional.of(CREATED);
                case UPDATED -> Optional.of(UPDATED);
                case EXPIRATION -> Optional.of(EXPIRATION);
                // Every stored secret is ACTIVE, so ordering by status leaves the order as it is.
                case STATUS -> Optional.empty();
            };
        }

        /**
         * Nulls sort as the largest value on both engines. That is PostgreSQL's default, so its indexes serve either
         * direction; SQLite needs the explicit clause because its default is the opposite.
         */
        String orderTerm(boolean descending) {
            String term = sqlName + (descending ? " DESC" : " ASC");
            if (!nullable) {
                return term;
            }
            return term + (descending ? " NULLS FIRST" : " NULLS LAST");
        }
    }
}
