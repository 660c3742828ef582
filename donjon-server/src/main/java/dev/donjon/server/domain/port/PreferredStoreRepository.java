package dev.donjon.server.domain.port;

import dev.donjon.server.domain.ProjectId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Each project's preferred secret store, if it chose one. */
public interface PreferredStoreRepository {
    Optional<UUID> find(ProjectId project);

    void put(ProjectId project, UUID storeId, Instant at);

    /** @return {@code false} if the project had no preferred store */
    boolean delete(ProjectId project);
}
