package dev.donjon.server.store;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.ProjectQuotas;
import dev.donjon.server.domain.port.QuotaRepository;
import dev.donjon.server.domain.barbican.Quotas;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class JdbcQuotaRepository implements QuotaRepository {
    private static final String COLUMNS = "project, secrets, orders, containers, consumers, cas";

    private final Handle handle;

    JdbcQuotaRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<ProjectQuotas> find(ProjectId project) {
        // Part of every create's write transaction.
        return HotStatements.first(handle, "SELECT " + COLUMNS + " FROM project_quotas WHERE project = ?",
                JdbcQuotaRepository::quotas, project.value());
    }

    @Override
    public void lock(ProjectId project) {
        // A no-op update rather than SELECT ... FOR UPDATE, which SQLite does not parse.
        handle.createUpdate("UPDATE project_quotas SET updated = updated WHERE project = ?")
                .bind(0, project.value()).execute();
    }

    @Override
    public Page<ProjectQuotaEntry> list(int offset, int limit) {
        long total = handle.createQuery("SELECT COUNT(*) FROM project_quotas").mapTo(Long.class).one();
        List<ProjectQuotaEntry> items = handle.createQuery("SELECT " + COLUMNS
                        + " FROM project_quotas ORDER BY project LIMIT ? OFFSET ?")
                .bind(0, limit)
                .bind(1, offset)
                .map((rs, ctx) -> new ProjectQuotaEntry(new ProjectId(rs.getString("project")), quotas(rs)))
                .list();
        return new Page<>(items, total);
    }

    @Override
    public void put(ProjectId project, ProjectQuotas quotas, Instant at) {
        long micros = EpochMicros.floor(at);
        handle.createUpdate("""
                        INSERT INTO project_quotas (project, secrets, orders, containers, consumers, cas, created,
                                                    updated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (project) DO UPDATE SET secrets = excluded.secrets, orders = excluded.orders,
                            containers = excluded.containers, consumers = excluded.consumers, cas = excluded.cas,
                            updated = excluded.updated""")
                .bind(0, project.value())
                .bind(1, quotas.secrets())
                .bind(2, quotas.orders())
                .bind(3, quotas.containers())
                .bind(4, quotas.consumers())
                .bind(5, quotas.cas())
                .bind(6, micros)
                .bind(7, micros)
                .execute();
    }

    @Override
    public boolean delete(ProjectId project) {
        return handle.createUpdate("DELETE FROM project_quotas WHERE project = ?")
                .bind(0, project.value()).execute() == 1;
    }

    @Override
    public long usage(ProjectId project, Quotas.Resource resource) {
        return switch (resource) {
            case SECRETS -> count("secrets", project);
            case ORDERS -> count("orders", project);
            case CONTAINERS -> count("containers", project);
            case CONSUMERS -> count("container_consumers", project) + count("secret_consumers", project);
            // Donjon issues no certificates, so a project never holds a certificate authority.
            case CAS -> 0;
        };
    }

    /** @param table one of the fixed table names above, never caller input */
    private long count(String table, ProjectId project) {
        return handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE project = ?")
                .bind(0, project.value()).mapTo(Long.class).one();
    }

    private static ProjectQuotas quotas(ResultSet rs) throws SQLException {
        return new ProjectQuotas(nullableInt(rs, "secrets"), nullableInt(rs, "orders"), nullableInt(rs, "containers"),
                nullableInt(rs, "consumers"), nullableInt(rs, "cas"));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
