package dev.donjon.server.store;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.port.ProjectKeyRepository;
import dev.donjon.server.domain.keys.WrappedKek;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

    @Override
    public Set<Integer> masterKeyVersionsInUse() {
        return new HashSet<>(handle.createQuery("SELECT DISTINCT master_key_version FROM project_keks")
                .mapTo(Integer.class).list());
    }

    @Override
    public Optional<WrappedKek> anyWrappedBy(int masterKeyVersion) {
        return handle.createQuery(SELECT + " WHERE master_key_version = ? ORDER BY project, version LIMIT 1")
                .bind(0, masterKeyVersion)
                .map(MAPPER)
                .findOne();
    }

    @Override
    public Map<Integer, byte[]> masterKeyChecks() {
        Map<Integer, byte[]> checks = new TreeMap<>();
        handle.createQuery("SELECT version, wrapped FROM master_key_checks")
                .map((rs, ctx) -> Map.entry(rs.getInt("version"), rs.getBytes("wrapped")))
                .forEach(check -> checks.put(check.getKey(), check.getValue()));
        return checks;
    }

    @Override
    public boolean insertMasterKeyCheckIfAbsent(int masterKeyVersion, byte[] wrapped, Instant created) {
        return handle.createUpdate("""
                        INSERT INTO master_key_checks (version, wrapped, created) VALUES (?, ?, ?)
                        ON CONFLICT (version) DO NOTHING""")
                .bind(0, masterKeyVersion)
                .bind(1, wrapped)
                .bind(2, EpochMicros.floor(created))
                .execute() == 1;
    }

    @Override
    public void deleteMasterKeyCheck(int masterKeyVersion) {
        handle.createUpdate("DELETE FROM master_key_checks WHERE version = ?").bind(0, masterKeyVersion).execute();
    }

    @Override
    public java.util.List<WrappedKek> wrappedBefore(int masterKeyVersion, int limit) {
        return handle.createQuery(SELECT + " WHERE master_key_version < ? ORDER BY project, version LIMIT ?")
                .bind(0, masterKeyVersion)
                .bind(1, limit)
                .map(MAPPER)
                .list();
    }

    @Override
    public boolean rewrap(WrappedKek current, int newMasterKeyVersion, byte[] newWrapped) {
        return handle.createUpdate("""
                        UPDATE project_keks SET master_key_version = ?, wrapped = ?
                        WHERE project = ? AND version = ? AND master_key_version = ?""")
                .bind(0, newMasterKeyVersion)
                .bind(1, newWrapped)
                .bind(2, current.project().value())
                .bind(3, current.version())
                .bind(4, current.masterKeyVersion())
                .execute() == 1;
    }

    @Override
    public Map<Integer, Long> countByMasterKeyVersion() {
        Map<Integer, Long> counts = new TreeMap<>();
        handle.createQuery("SELECT master_key_version, COUNT(*) AS n FROM project_keks GROUP BY master_key_version")
                .map((rs, ctx) -> Map.entry(rs.getInt("master_key_version"), rs.getLong("n")))
                .forEach(count -> counts.put(count.getKey(), count.getValue()));
        return counts;
    }

    @Override
    public java.util.List<ProjectId> projects() {
        return handle.createQuery("SELECT DISTINCT project FROM project_keks ORDER BY project")
                .map((rs, ctx) -> new ProjectId(rs.getString("project")))
                .list();
    }
}
