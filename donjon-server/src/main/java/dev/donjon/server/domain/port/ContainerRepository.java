package dev.donjon.server.domain.port;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.Container;
import dev.donjon.server.domain.barbican.ContainerConsumer;
import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.barbican.ContainerSecretRef;
import dev.donjon.server.domain.barbican.ContainerType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public interface ContainerRepository {
    void insert(Container container);

    /** A container of any project; callers decide what the caller may see. */
    Optional<Container> find(ContainerId id);

    /**
     * The project's containers, oldest first.
     *
     * @param name only containers with exactly this name, or {@code null}
     * @param type only containers of this type, or {@code null}
     */
    Page<Container> list(ProjectId project, String name, ContainerType type, int offset, int limit);

    boolean delete(ContainerId id);

    /** @return {@code false} if the container already holds this secret under this name */
    boolean addSecret(ContainerId id, ContainerSecretRef ref, Instant at);

    /** @return {@code false} if the container does not hold this secret under this name */
    boolean removeSecret(ContainerId id, ContainerSecretRef ref, Instant at);

    List<ContainerConsumer> consumers(ContainerId id);

    Page<ContainerConsumer> consumers(ContainerId id, int offset, int limit);

    /** The consumers of each given container (a listing page), oldest first; those without are absent. */
    Map<ContainerId, List<ContainerConsumer>> consumersOf(Collection<ContainerId> ids);

    /** Registers a consumer, or refreshes its update time if it is registered already. */
    void addConsumer(ContainerId id, ProjectId project, String name, String url, Instant at);

    /** @return {@code false} if no such consumer was registered */
    boolean removeConsumer(ContainerId id, String name, String url, Instant at);

    /** The project that registered the consumer, if it is registered. */
    Optional<ProjectId> consumerRegistrant(ContainerId id, String name, String url);
}
