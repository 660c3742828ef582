package dev.donjon.server.domain.port;

import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;
import java.util.List;

/**
 * Uses of edge copies (docs/replication.md): counted at the edge against the allocation the owner granted, and the
 * totals edges reported, recorded at the owner. Every count changes in one statement, so concurrent uses never spend
 * the same unit twice and a crash loses no use that was served.
 */
public interface EdgeUsageRepository {
    /** A renewal from the owner: the object's allocation starts again from zero; its total stays. */
    void renew(SecretId object);

    /**
     * Counts one use if fewer than {@code allowed} were consumed since the last renewal.
     *
     * @return whether the use was counted; {@code false} means the allocation is spent
     */
    boolean consume(SecretId object, long allowed);

    /** Uses consumed of the current allocation. */
    long consumed(SecretId object);

    /**
     * The total uses since it arrived of every used edge copy that {@code owner} owns, in {@code project} or, when
     * {@code null}, in every project.
     */
    List<Total> totals(dev.donjon.server.domain.ProjectId project, String owner);

    /** At an edge: the owners of edge copies whose total grew since the owner last acknowledged it. */
    List<String> ownersOwed();

    /** At an edge: the owner acknowledged {@code total} uses of {@code object} (never lowers what it acknowledged). */
    void acknowledge(SecretId object, long total);

    /**
     * At the owner: records that {@code edge} used {@code object} {@code usesTotal} times in all, unless it reported
     * as many or more before.
     *
     * @return whether the recorded total grew
     */
    boolean recordReported(SecretId object, String edge, long usesTotal, Instant reported);

    /** At the owner: the totals edges reported for {@code object}. */
    List<Reported> reported(SecretId object);

    record Total(SecretId object, long uses) {
    }

    record Reported(String edge, long usesTotal, Instant reported) {
    }
}
