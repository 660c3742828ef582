package dev.donjon.server.store;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretConsumer;
import dev.donjon.server.domain.port.SecretConsumerRepository;
import dev.donjon.server.domain.barbican.SecretId;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

final class JdbcSecretConsumerRepository implements SecretConsumerRepository {
    private static final String COLUMNS = "secret_id, service, resource_type, resource_id, created, updated";
    private static final String ORDER = " ORDER BY created, service, resource_type, resource_id";

    private final Handle handle;

    JdbcSecretConsumerRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Page<SecretConsumer> list(SecretId id, int offset, int limit) {
        long total = handle.createQuery("SELECT COUNT(*) FROM secret_consumers WHERE secret_id = ?")
                .bind(0, id.toString()).mapTo(Long.class).one();
        List<SecretConsumer> items = handle.createQuery("SELECT " + COLUMNS + " FROM secret_consumers "
                        + "WHERE secret_id = ?" + ORDER + " LIMIT ? OFFSET ?")
                .bind(0, id.toString())
                .bind(1, limit)
                .bind(2, offset)
                .map((rs, ctx) -> consumer(rs))
                .list();
        return new Page<>(items, total);
    }

    @Override
    public Map<SecretId, List<SecretConsumer>> of(Collection<SecretId> ids) {
        List<String> values = ids.stream().map(SecretId::toString).toList();
        String placeholders = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
        Map<SecretId, List<SecretConsumer>> out = new LinkedHashMap<>();
        var query = handle.createQuery("SELECT " + COLUMNS + " FROM secret_consumers WHERE secret_id IN ("
                + placeholders + ")" + ORDER);
        for (int i = 0; i < values.size(); i++) {
            query.bind(i, values.get(i));
        }
        query.map((rs, ctx) -> Map.entry(new SecretId(UUID.fromString(rs.getString("secret_id"))), consumer(rs)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    @Override
    public void add(SecretId id, ProjectId project, SecretConsumer.Key key, Instant at) {
        long micros = EpochMicros.floor(at);
        handle.createUpdate("""
                        INSERT INTO secret_consumers (secret_id, service, resource_type, resource_id, project, created,
                                                      updated)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (secret_id, service, resource_type, resource_id)
                        DO UPDATE SET updated = excluded.updated""")
                .bind(0, id.toString())
                .bind(1, key.service())
                .bind(2, key.resourceType())
                .bind(3, key.resourceId())
                .bind(4, project.value())
                .bind(5, micros)
                .bind(6, micros)
                .execute();
    }

    @Override
    public boolean remove(SecretId id, SecretConsumer.Key key) {
        return handle.createUpdate("DELETE FROM secret_consumers WHERE secret_id = ? AND service = ? "
                        + "AND resource_type = ? AND resource_id = ?")
                .bind(0, id.toString())
                .bind(1, key.service())
                .bind(2, key.resourceType())
                .bind(3, key.resourceId())
                .execute() == 1;
    }

    @Override
    public Optional<ProjectId> registrant(SecretId id, SecretConsumer.Key key) {
        return handle.createQuery("SELECT project FROM secret_consumers WHERE secret_id = ? AND service = ? "
                        + "AND resource_type = ? AND resource_id = ?")
                .bind(0, id.toString())
                .bind(1, key.service())
                .bind(2, key.resourceType())
                .bind(3, key.resourceId())
                .mapTo(String.class).findOne().map(ProjectId::new);
    }

    @Override
    public boolean any(SecretId id) {
        return handle.createQuery("SELECT 1 FROM secret_consumers WHERE secret_id = ? LIMIT 1")
                .bind(0, id.toString()).mapTo(Integer.class).findOne().isPresent();
    }

    private static SecretConsumer consumer(ResultSet rs) throws SQLException {
        return new SecretConsumer(rs.getString("service"), rs.getString("resource_type"), rs.getString("resource_id"),
                EpochMicros.toInstant(rs.getLong("created")), EpochMicros.toInstant(rs.getLong("updated")));
    }
}
