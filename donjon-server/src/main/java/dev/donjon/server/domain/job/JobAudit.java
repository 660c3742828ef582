package dev.donjon.server.domain.job;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.barbican.SecretId;

import java.time.Instant;

/** The audit event of a change a lifecycle job made: no user, the object's project, the job's own method. */
final class JobAudit {
    private JobAudit() {
    }

    static AuditEvent of(Instant at, ProjectId project, Action action, SecretId id, String detail) {
        return new AuditEvent(at, null, null, project.value(), AuthMethod.SCHEDULED_JOB, action, id.toString(),
                AuditEvent.Outcome.SUCCESS, detail);
    }
}
