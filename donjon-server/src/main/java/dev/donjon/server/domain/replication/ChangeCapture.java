package dev.donjon.server.domain.replication;

import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which audit events are changes of an object that replication carries (docs/replication.md). Every change of a managed
 * object is audited in its own transaction, so the audit append is the one place that sees all of them, whichever door
 * (REST, KMIP, a lifecycle job) made the change: the store records the change log entry there, in the same
 * transaction. Whether the object is owned here is decided when the change is sent (a replica's changes are its
 * owner's to send).
 */
public final class ChangeCapture {
    private static final Set<Action> CHANGES = EnumSet.of(Action.SECRET_CREATE, Action.SECRET_UPLOAD_PAYLOAD,
            Action.SECRET_DELETE, Action.SECRET_METADATA_WRITE, Action.SECRET_ACTIVATE, Action.SECRET_REVOKE,
            Action.SECRET_EXPIRE, Action.LIFECYCLE_STATE_CHANGE, Action.OBJECT_PURGE);

    private ChangeCapture() {
    }

    /** The object the event changed, if it is a successful change of a managed object. */
    public static Optional<SecretId> changed(AuditEvent event) {
        if (event.outcome() != AuditEvent.Outcome.SUCCESS || event.objectId() == null
                || !CHANGES.contains(event.action())) {
            return Optional.empty();
        }
        return SecretId.parse(event.objectId());
    }
}
