package dev.donjon.server.domain.port;

import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At an edge: the edge copies revoked here for Key Compromise, each to be reported to its owner until the owner
 * acknowledged it (docs/replication.md, "Updates flowing back"). Recorded in the revocation's own transaction, so a
 * compromise accepted here is never lost before it reached the owner.
 */
public interface EdgeCompromiseRepository {
    /**
     * Records a compromise of {@code object}, an edge copy lent by {@code owner}; a second one of the same object
     * changes nothing (the first occurrence stands).
     */
    void record(SecretId object, ProjectId project, String owner, Instant occurred, String message, Instant recorded);

    /** The compromise recorded of {@code object}, if any. */
    Optional<Compromise> find(SecretId object);

    /** The compromises of {@code owner}'s edge copies, in {@code project} or, when {@code null}, in every project. */
    List<Compromise> of(String owner, ProjectId project);

    /** The owners with a compromise they have not acknowledged. */
    List<String> ownersPending();

    /** Keeps the owner's answer about {@code object}; the delivery job sends it no more. */
    void acknowledge(SecretId object, String outcome, Instant at);

    /**
     * @param acknowledged when the owner answered, {@code null} while it has not
     * @param outcome      what the owner made of it ({@code revoked}, {@code unchanged} or its refusal), or {@code null}
     */
    record Compromise(SecretId object, ProjectId project, String owner, Instant occurred, String message,
                      Instant acknowledged, String outcome) {
    }
}
