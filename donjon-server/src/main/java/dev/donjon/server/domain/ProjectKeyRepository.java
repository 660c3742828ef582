package dev.donjon.server.domain;

import java.util.Optional;

public interface ProjectKeyRepository {
    /** The highest version of the project's KEK. */
    Optional<WrappedKek> current(ProjectId project);

    Optional<WrappedKek> find(ProjectId project, int version);

    /** Inserts the KEK unless that project and version already exist (another node won the race); says which. */
    boolean insertIfAbsent(WrappedKek kek);
}
