package dev.donjon.server.store;

import dev.donjon.server.domain.barbican.Container;
import dev.donjon.server.domain.barbican.ContainerConsumer;
import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.port.ContainerRepository;
import dev.donjon.server.domain.barbican.ContainerSecretRef;
import dev.donjon.server.domain.barbican.ContainerType;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbcContainerRepository implements ContainerRepository {
    private static final String COLUMNS = "id, project, name, type, creator_id, created, updated";

    private final Handle handle;

    JdbcContainerRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(Container container) {
        handle.createUpdate("INSERT INTO containers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, container.id().toString())
                .bind(1, container.project().value())
                .bind(2, container.name())
                .bind(3, container.type().wireName())
                .bind(4, container.creatorId())
                .bind(5, EpochMicros.floor(container.created()))
                .bind(6, EpochMicros.floor(container.updated()))
                .execute();
        int position = 0;
        for (ContainerSecretRef ref : container.secretRefs()) {
            insertRef(container.id(), ref, ++position);
        }
    }

    @Override
    public Optional<Container> find(ContainerId id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM containers WHERE id = ?")
                .bind(0, id.toString())
                .map((rs, ctx) -> row(rs))
                .findOne()
                .map(this::withRefs);
    }

    @Override
    public Page<Container> list(ProjectId project, String name, ContainerType type, int offset, int limit) {
        StringBuilder where = new StringBuilder(" FROM containers WHERE project = ?");
        List<Object> parameters = new ArrayList<>(List.of(project.value()));
        if (name != null) {
            where.append(" AND name = ?");
            parameters.add(name);
        }
        if (type != null) {
            where.append(" AND type = ?");
            parameters.add(type.wireName());
        }
        long total = bindAll(handle.createQuery("SELECT COUNT(*)" + where), parameters).mapTo(Long.class).one();
        if (total <= offset) {
            return new Page<>(List.of(), total);
        }
        List<Container> items = bindAll(handle.createQuery(
                        "SELECT " + COLUMNS + where + " ORDER BY created, id LIMIT ? OFFSET ?"), parameters)
                .bind(parameters.size(), limit)
                .bind(parameters.size() + 1, offset)
                .map((rs, ctx) -> row(rs))
                .list();
        Map<String, List<ContainerSecretRef>> refs = new HashMap<>();
        inIds("SELECT container_id, name, secret_id FROM container_secrets WHERE container_id IN (%s)"
                + " ORDER BY position", items.stream().map(c -> c.id().toString()).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("container_id"), new ContainerSecretRef(rs.getString("name"),
                        new SecretId(UUID.fromString(rs.getString("secret_id"))))))
                .forEach(e -> refs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return new Page<>(items.stream().map(c -> new Container(c.id(), c.project(), c.name(), c.type(),
                c.creatorId(), c.created(), c.updated(), refs.getOrDefault(c.id().toString(), List.of()))).toList(),
                total);
    }

    @Override
    public Map<ContainerId, List<ContainerConsumer>> consumersOf(Collection<ContainerId> ids) {
        Map<ContainerId, List<ContainerConsumer>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        inIds("SELECT container_id, name, url, created, updated FROM container_consumers WHERE container_id IN (%s)"
                + " ORDER BY created, name, url", ids.stream().map(ContainerId::toString).toList())
                .map((rs, ctx) -> Map.entry(new ContainerId(UUID.fromString(rs.getString("container_id"))),
                        consumer(rs)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    @Override
    public boolean delete(ContainerId id) {
        return handle.createUpdate("DELETE FROM containers WHERE id = ?").bind(0, id.toString()).execute() == 1;
    }

    @Override
    public boolean addSecret(ContainerId id, ContainerSecretRef ref, Instant at) {
        touch(id, at);
        int position = handle.createQuery(
                        "SELECT COALESCE(MAX(position), 0) + 1 FROM container_secrets WHERE container_id = ?")
                .bind(0, id.toString()).mapTo(Integer.class).one();
        return handle.createUpdate("""
                        INSERT INTO container_secrets (container_id, name, secret_id, position) VALUES (?, ?, ?, ?)
                        ON CONFLICT (container_id, name, secret_id) DO NOTHING""")
                .bind(0, id.toString())
                .bind(1, ref.name())
                .bind(2, ref.secretId().toString())
                .bind(3, position)
                .execute() == 1;
    }

    @Override
    public boolean removeSecret(ContainerId id, ContainerSecretRef ref, Instant at) {
        boolean removed = handle.createUpdate(
                        "DELETE FROM container_secrets WHERE container_id = ? AND name = ? AND secret_id = ?")
                .bind(0, id.toString())
                .bind(1, ref.name())
                .bind(2, ref.secretId().toString())
                .execute() == 1;
        if (removed) {
            touch(id, at);
        }
        return removed;
    }

    @Override
    public List<ContainerConsumer> consumers(ContainerId id) {
        return handle.createQuery("SELECT name, url, created, updated FROM container_consumers WHERE container_id = ?"
                        + " ORDER BY created, name, url")
                .bind(0, id.toString())
                .map((rs, ctx) -> consumer(rs))
                .list();
    }

    @Override
    public Page<ContainerConsumer> consumers(ContainerId id, int offset, int limit) {
        long total = handle.createQuery("SELECT COUNT(*) FROM container_consumers WHERE container_id = ?")
                .bind(0, id.toString()).mapTo(Long.class).one();
        List<ContainerConsumer> items = handle.createQuery("SELECT name, url, created, updated FROM "
                        + "container_consumers WHERE container_id = ? ORDER BY created, name, url LIMIT ? OFFSET ?")
                .bind(0, id.toString())
                .bind(1, limit)
                .bind(2, offset)
                .map((rs, ctx) -> consumer(rs))
                .list();
        return new Page<>(items, total);
    }

    @Override
    public void addConsumer(ContainerId id, ProjectId project, String name, String url, Instant at) {
        long micros = EpochMicros.floor(at);
        handle.createUpdate("""
                        INSERT INTO container_consumers (container_id, name, url, project, created, updated)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (container_id, name, url) DO UPDATE SET updated = excluded.updated""")
                .bind(0, id.toString())
                .bind(1, name)
                .bind(2, url)
                .bind(3, project.value())
                .bind(4, micros)
                .bind(5, micros)
                .execute();
        touch(id, at);
    }

    @Override
    public boolean removeConsumer(ContainerId id, String name, String url, Instant at) {
        boolean removed = handle.createUpdate(
                        "DELETE FROM container_consumers WHERE container_id = ? AND name = ? AND url = ?")
                .bind(0, id.toString())
                .bind(1, name)
                .bind(2, url)
                .execute() == 1;
        if (removed) {
            touch(id, at);
        }
        return removed;
    }

    @Override
    public Optional<ProjectId> consumerRegistrant(ContainerId id, String name, String url) {
        return handle.createQuery("SELECT project FROM container_consumers WHERE container_id = ? AND name = ? "
                        + "AND url = ?")
                .bind(0, id.toString())
                .bind(1, name)
                .bind(2, url)
                .mapTo(String.class).findOne().map(ProjectId::new);
    }

    private void touch(ContainerId id, Instant at) {
        handle.createUpdate("UPDATE containers SET updated = ? WHERE id = ?")
                .bind(0, EpochMicros.floor(at))
                .bind(1, id.toString())
                .execute();
    }

    private void insertRef(ContainerId id, ContainerSecretRef ref, int position) {
        handle.createUpdate("INSERT INTO container_secrets (container_id, name, secret_id, position) VALUES (?, ?, ?, ?)")
                .bind(0, id.toString())
                .bind(1, ref.name())
                .bind(2, ref.secretId().toString())
                .bind(3, position)
                .execute();
    }

    /** A query whose {@code %s} becomes one placeholder per id; a page holds at most 100 ids. */
    private Query inIds(String sql, List<String> ids) {
        Query query = handle.createQuery(String.format(sql, String.join(", ", Collections.nCopies(ids.size(), "?"))));
        for (int i = 0; i < ids.size(); i++) {
            query.bind(i, ids.get(i));
        }
        return query;
    }

    private Container withRefs(Container container) {
        List<ContainerSecretRef> refs = handle.createQuery(
                        "SELECT name, secret_id FROM container_secrets WHERE container_id = ? ORDER BY position")
                .bind(0, container.id().toString())
                .map((rs, ctx) -> new ContainerSecretRef(rs.getString("name"),
                        new SecretId(UUID.fromString(rs.getString("secret_id")))))
                .list();
        return new Container(container.id(), container.project(), container.name(), container.type(),
                container.creatorId(), container.created(), container.updated(), refs);
    }

    private static Container row(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        return new Container(
                new ContainerId(UUID.fromString(rs.getString("id"))),
                new ProjectId(rs.getString("project")),
                rs.getString("name"),
                ContainerType.fromWire(type)
                        .orElseThrow(() -> new IllegalStateException("unknown container type in the store: " + type)),
                rs.getString("creator_id"),
                EpochMicros.toInstant(rs.getLong("created")),
                EpochMicros.toInstant(rs.getLong("updated")),
                List.of());
    }

    private static ContainerConsumer consumer(ResultSet rs) throws SQLException {
        return new ContainerConsumer(rs.getString("name"), rs.getString("url"),
                EpochMicros.toInstant(rs.getLong("created")), EpochMicros.toInstant(rs.getLong("updated")));
    }

    private static Query bindAll(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.bind(i, parameters.get(i));
        }
        return query;
    }
}
