package dev.donjon.server.domain.job;

import java.time.Instant;

/**
 * How a scheduled job's latest run went.
 *
 * @param holder    the node that ran it
 * @param processed how many objects it handled (expired, moved, purged...)
 * @param failure   why it failed (an exception's class and message, never data), or {@code null} if it succeeded
 */
public record JobRun(String job, String holder, Instant started, Instant finished, int processed, String failure) {
}
