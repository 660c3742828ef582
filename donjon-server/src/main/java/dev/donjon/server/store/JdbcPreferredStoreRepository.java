package dev.donjon.server.store;

import dev.donjon.server.domain.port.PreferredStoreRepository;
import dev.donjon.server.domain.ProjectId;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

final class JdbcPreferredStoreRepository implements PreferredStoreRepository {
    private final Handle handle;

    JdbcPreferredStoreRepository(Handle handle) {
        this.handle = handle;
    }

    /** Read before every new secret is sealed (which store seals it): kept prepared, like the create's writes. */
    @Override
    public Optional<UUID> find(ProjectId project) {
        return HotStatements.first(handle, "SELECT store_id FROM project_secret_stores WHERE project = ?",
                rs -> UUID.fromString(rs.getString(1)), project.value());
    }

    @Override
    public void put(ProjectId project, UUID storeId, Instant at) {
        long micros = EpochMicros.floor(at);
        handle.createUpdate("""
                        INSERT INTO project_secret_stores (project, store_id, created, updated) VALUES (?, ?, ?, ?)
                        ON CONFLICT (project) DO UPDATE SET store_id = excluded.store_id, updated = excluded.updated""")
                .bind(0, project.value())
                .bind(1, storeId.toString())
                .bind(2, micros)
                .bind(3, micros)
                .execute();
    }

    @Override
    public boolean delete(ProjectId project) {
        return handle.createUpdate("DELETE FROM project_secret_stores WHERE project = ?")
                .bind(0, project.value()).execute() == 1;
    }
}
