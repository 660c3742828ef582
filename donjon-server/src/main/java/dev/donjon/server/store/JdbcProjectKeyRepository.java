package dev.donjon.server.store;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.ProjectKeyRepository;
import dev.donjon.server.domain.WrappedKek;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;

final class JdbcProjectKeyRepository implements ProjectKeyRepository {
    private static final String SELECT = "SELECT project, version, master_key_version, wrapped, created FROM project_keks";
    private static final RowMapper<WrappedKek> MAPPER = (rs, ctx) -> new WrappedKek(
            new ProjectId(rs.getString("project")),
            rs.getInt("version"),
            rs.getInt("master_key_version"),
            rs.getBytes("wrapped"),
            EpochMicros.toInstant(rs.getLong("created")));

    private final Handle handle;

    JdbcProjectKeyRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<WrappedKek> current(ProjectId project) {
        return handle.createQuery(SELECT + " WHERE project = ? ORDER BY version DESC LIMIT 1")
                .bind(0, project.value())
                .map(MAPPER)
                .findOne();
    }

    @Override
    public Optional<WrappedKek> find(ProjectId project, int version) {
        return handle.createQuery(SELECT + " WHERE project = ? AND version = ?")
                .bind(0, project.value())
                .bind(1, version)
                .map(MAPPER)
                .findOne();
    }

    @Override
    public boolean insertIfAbsent(WrappedKek kek) {
        // ON CONFLICT rather than a look-up first: two nodes creating a project's first KEK at once must both learn
        // which one won, without an error or a retry; on PostgreSQL the loser waits for the winner's commit.
        return handle.createUpdate("""
                        INSERT INTO project_keks (project, version, master_key_version, wrapped, created)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (project, version) DO NOTHING""")
                .bind(0, kek.project().value())
                .bind(1, kek.version())
                .bind(2, kek.masterKeyVersion())
                .bind(3, kek.wrapped())
                .bind(4, EpochMicros.floor(kek.created()))
                .execute() == 1;
    }
}
