package dev.donjon.server.store;

import dev.donjon.server.domain.port.LocateAnchorRepository;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

/** The locate_anchors table (V22_1, V42_1); its rows are written by JdbcSecretRepository.delete. */
final class JdbcLocateAnchorRepository implements LocateAnchorRepository {
    /**
     * The oldest rows through locate_anchors_by_deleted, deleted by primary key. Both engines take a LIMIT in the
     * subquery; on PostgreSQL a row another transaction deleted meanwhile is skipped once that one commits.
     */
    static final String FORGET = "DELETE FROM locate_anchors WHERE id IN (SELECT id FROM locate_anchors"
            + " WHERE deleted < ? ORDER BY deleted LIMIT ?)";

    private final Handle handle;

    JdbcLocateAnchorRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public int forgetDeletedBefore(Instant cutoff, int limit) {
        return handle.createUpdate(FORGET).bind(0, EpochMicros.floor(cutoff)).bind(1, limit).execute();
    }
}
