package dev.donjon.server.store;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.EdgeCompromiseRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

final class JdbcEdgeCompromiseRepository implements EdgeCompromiseRepository {
    private static final String COLUMNS = "object_id, project, owner, occurred, message, acknowledged, outcome";
    private static final RowMapper<Compromise> ROW = (rs, ctx) -> new Compromise(
            SecretId.parse(rs.getString(1)).orElseThrow(), new ProjectId(rs.getString(2)), rs.getString(3),
            EpochMicros.toInstant(rs.getLong(4)), rs.getString(5), EpochMicros.instantOrNull(rs, 6), rs.getString(7));

    private final Handle handle;

    JdbcEdgeCompromiseRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void record(SecretId object, ProjectId project, String owner, Instant occurred, String message,
                       Instant recorded) {
        handle.createUpdate("INSERT INTO edge_compromises (object_id, project, owner, occurred, message, recorded) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (object_id) DO NOTHING")
                .bind(0, object.toString())
                .bind(1, project.value())
                .bind(2, owner)
                .bind(3, EpochMicros.floor(occurred))
                .bind(4, message)
                .bind(5, EpochMicros.floor(recorded))
                .execute();
    }

    @Override
    public Optional<Compromise> find(SecretId object) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM edge_compromises WHERE object_id = ?")
                .bind(0, object.toString())
                .map(ROW)
                .findOne();
    }

    @Override
    public List<Compromise> of(String owner, ProjectId project) {
        if (project == null) {
            return handle.createQuery("SELECT " + COLUMNS + " FROM edge_compromises WHERE owner = ? ORDER BY object_id")
                    .bind(0, owner)
                    .map(ROW)
                    .list();
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM edge_compromises WHERE owner = ? AND project = ? "
                        + "ORDER BY object_id")
                .bind(0, owner)
                .bind(1, project.value())
                .map(ROW)
                .list();
    }

    @Override
    public List<String> ownersPending() {
        return handle.createQuery("SELECT DISTINCT owner FROM edge_compromises WHERE acknowledged IS NULL "
                        + "ORDER BY owner")
                .mapTo(String.class)
                .list();
    }

    @Override
    public void acknowledge(SecretId object, String outcome, Instant at) {
        handle.createUpdate("UPDATE edge_compromises SET acknowledged = ?, outcome = ? WHERE object_id = ?")
                .bind(0, EpochMicros.floor(at))
                .bind(1, outcome)
                .bind(2, object.toString())
                .execute();
    }
}
