package dev.donjon.server.domain.audit;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.ProjectId;

/**
 * Which events a reader asks for, newest first.
 *
 * @param project only this project's events, or {@code null} for every project's (service administrators)
 * @param objectId only events on this object, or {@code null}
 * @param action   only this action, or {@code null}
 * @param outcome  only this outcome, or {@code null}
 */
public record AuditQuery(ProjectId project, String objectId, Action action, AuditEvent.Outcome outcome, int offset,
                         int limit) {
    public AuditQuery {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
    }
}
