package dev.donjon.server.domain.port;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretConsumer;
import dev.donjon.server.domain.barbican.SecretId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface SecretConsumerRepository {
    Page<SecretConsumer> list(SecretId id, int offset, int limit);

    /** The consumers of each given secret, oldest first; secrets without consumers are absent from the map. */
    Map<SecretId, List<SecretConsumer>> of(Collection<SecretId> ids);

    /** Registers a consumer, or refreshes its update time if it is registered already. */
    void add(SecretId id, ProjectId project, SecretConsumer.Key key, Instant at);

    /** @return {@code false} if no such consumer was registered */
    boolean remove(SecretId id, SecretConsumer.Key key);

    /** The project that registered the consumer, if it is registered. */
    Optional<ProjectId> registrant(SecretId id, SecretConsumer.Key key);

    boolean any(SecretId id);
}
