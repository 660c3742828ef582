package dev.donjon.server.store;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.port.ProjectKeyRepository;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.keys.StoredPayload;
import dev.donjon.server.domain.keys.WrappedKek;
import dev.donjon.server.domain.pki.CertificateAuthority;
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

    @Override
    public java.util.List<ProjectId> projectsWithOlderKekVersions() {
        return handle.createQuery("SELECT project FROM project_keks GROUP BY project HAVING COUNT(*) > 1 ORDER BY project")
                .map((rs, ctx) -> new ProjectId(rs.getString("project")))
                .list();
    }

    @Override
    public java.util.List<WrappedKek> versions(ProjectId project) {
        return handle.createQuery(SELECT + " WHERE project = ? ORDER BY version")
                .bind(0, project.value())
                .map(MAPPER)
                .list();
    }

    @Override
    public java.util.List<StoredPayload> sealedBefore(ProjectId project, int kekVersion, int limit) {
        java.util.List<StoredPayload> rows = new java.util.ArrayList<>(handle.createQuery("""
                        SELECT s.id, s.type, p.kek_version, p.ciphertext
                        FROM secrets s JOIN secret_payloads p ON p.secret_id = s.id
                        WHERE s.project = ? AND p.kek_version < ?
                        LIMIT ?""")
                .bind(0, project.value())
                .bind(1, kekVersion)
                .bind(2, limit)
                .map((rs, ctx) -> new StoredPayload(StoredPayload.Kind.SECRET,
                        new PayloadBinding(new SecretId(java.util.UUID.fromString(rs.getString("id"))), project,
                                SecretType.fromWire(rs.getString("type")).orElseThrow(() ->
                                        new IllegalStateException("unknown secret type in the store"))),
                        new SealedPayload(rs.getInt("kek_version"), rs.getBytes("ciphertext"))))
                .list());
        if (rows.size() < limit) {
            rows.addAll(handle.createQuery(caKeysOf(project) + " AND key_kek_version < ? LIMIT ?")
                    .bind(0, project.value())
                    .bind(1, kekVersion)
                    .bind(2, limit - rows.size())
                    .map((rs, ctx) -> new StoredPayload(StoredPayload.Kind.CA_KEY,
                            new PayloadBinding(new SecretId(java.util.UUID.fromString(rs.getString("id"))), project,
                                    SecretType.PRIVATE),
                            new SealedPayload(rs.getInt("key_kek_version"), rs.getBytes("key_ciphertext"))))
                    .list());
        }
        return rows;
    }

    /**
     * The CA keys sealed under a project's KEK: a CA without a project seals under the system project (see
     * {@code CertificateAuthority.keyBinding}).
     */
    private static String caKeysOf(ProjectId project) {
        return "SELECT id, key_kek_version, key_ciphertext FROM pki_cas WHERE "
                + (project.equals(CertificateAuthority.SYSTEM_PROJECT) ? "project IS NULL AND ? IS NOT NULL"
                : "project = ?");
    }

    @Override
    public boolean reseal(StoredPayload current, SealedPayload replacement) {
        String sql = switch (current.kind()) {
            case SECRET -> """
                    UPDATE secret_payloads SET kek_version = ?, ciphertext = ?
                    WHERE secret_id = ? AND kek_version = ? AND ciphertext = ?""";
            case CA_KEY -> """
                    UPDATE pki_cas SET key_kek_version = ?, key_ciphertext = ?
                    WHERE id = ? AND key_kek_version = ? AND key_ciphertext = ?""";
        };
        return handle.createUpdate(sql)
                .bind(0, replacement.kekVersion())
                .bind(1, replacement.ciphertext())
                .bind(2, current.binding().id().value().toString())
                .bind(3, current.sealed().kekVersion())
                .bind(4, current.sealed().ciphertext())
                .execute() == 1;
    }

    @Override
    public Map<Integer, Long> payloadsPerKekVersion(ProjectId project) {
        Map<Integer, Long> counts = new TreeMap<>();
        handle.createQuery("""
                        SELECT p.kek_version AS v, COUNT(*) AS n FROM secrets s
                        JOIN secret_payloads p ON p.secret_id = s.id WHERE s.project = ? GROUP BY p.kek_version""")
                .bind(0, project.value())
                .map((rs, ctx) -> Map.entry(rs.getInt("v"), rs.getLong("n")))
                .forEach(count -> counts.merge(count.getKey(), count.getValue(), Long::sum));
        handle.createQuery("SELECT key_kek_version AS v, COUNT(*) AS n FROM ("
                        + caKeysOf(project) + ") AS ca GROUP BY key_kek_version")
                .bind(0, project.value())
                .map((rs, ctx) -> Map.entry(rs.getInt("v"), rs.getLong("n")))
                .forEach(count -> counts.merge(count.getKey(), count.getValue(), Long::sum));
        // A device's object still to be freed is reached through its sealed reference: its KEK version stays.
        handle.createQuery("SELECT kek_version AS v, COUNT(*) AS n FROM device_releases WHERE project = ? "
                        + "GROUP BY kek_version")
                .bind(0, project.value())
                .map((rs, ctx) -> Map.entry(rs.getInt("v"), rs.getLong("n")))
                .forEach(count -> counts.merge(count.getKey(), count.getValue(), Long::sum));
        return counts;
    }

    @Override
    public int deleteVersionsBefore(ProjectId project, int version) {
        return handle.createUpdate("DELETE FROM project_keks WHERE project = ? AND version < ?")
                .bind(0, project.value())
                .bind(1, version)
                .execute();
    }

    @Override
    public long reserveEncryptions(ProjectId project, int version, long wanted, long limit) {
        java.util.OptionalLong used = encryptions(project, version);
        if (used.isEmpty() || used.getAsLong() >= limit) {
            return 0;
        }
        long granted = Math.min(wanted, limit - used.getAsLong());
        // Compare and set on the count read: two nodes reserving at once never both get the last part of the budget.
        int changed = handle.createUpdate("""
                        UPDATE project_keks SET encryptions = ?
                        WHERE project = ? AND version = ? AND encryptions = ?""")
                .bind(0, used.getAsLong() + granted)
                .bind(1, project.value())
                .bind(2, version)
                .bind(3, used.getAsLong())
                .execute();
        return changed == 1 ? granted : -1;
    }

    @Override
    public java.util.OptionalLong encryptions(ProjectId project, int version) {
        return handle.createQuery("SELECT encryptions FROM project_keks WHERE project = ? AND version = ?")
                .bind(0, project.value())
                .bind(1, version)
                .mapTo(Long.class)
                .findOne()
                .map(java.util.OptionalLong::of)
                .orElse(java.util.OptionalLong.empty());
    }
}
