package dev.donjon.server.domain.port;

import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.ProjectQuotas;
import dev.donjon.server.domain.barbican.Quotas;
import java.time.Instant;
import java.util.Optional;

public interface QuotaRepository {
    /** The project's own quotas, if an operator set any. */
    Optional<ProjectQuotas> find(ProjectId project);

    /** Takes the project's quota row lock until the transaction ends, so that its creations count one at a time. */
    void lock(ProjectId project);

    /** Projects with quotas of their own, ordered by project id. */
    Page<ProjectQuotaEntry> list(int offset, int limit);

    void put(ProjectId project, ProjectQuotas quotas, Instant at);

    /** @return {@code false} if the project had no quotas of its own */
    boolean delete(ProjectId project);

    /** How many objects of the resource the project holds now. */
    long usage(ProjectId project, Quotas.Resource resource);

    record ProjectQuotaEntry(ProjectId project, ProjectQuotas quotas) {
    }
}
