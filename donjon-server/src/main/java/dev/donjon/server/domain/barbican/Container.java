package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.ProjectId;
import java.time.Instant;
import java.util.List;

/**
 * A named group of secrets.
 *
 * @param secretRefs in the order they were added
 * @param creatorId  the user that created it, or {@code null}
 */
public record Container(ContainerId id, ProjectId project, String name, ContainerType type, String creatorId,
                        Instant created, Instant updated, List<ContainerSecretRef> secretRefs) {
    public Container {
        secretRefs = List.copyOf(secretRefs);
    }
}
