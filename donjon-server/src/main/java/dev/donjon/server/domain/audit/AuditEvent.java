package dev.donjon.server.domain.audit;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.AuthMethod;
import dev.donjon.server.domain.access.Principal;
import java.time.Instant;

/**
 * One audited fact: who did what to which object, and how it ended. Never holds payloads or key material.
 *
 * @param objectId the object acted on, or {@code null} for actions on collections
 * @param detail   a short non-secret explanation (e.g. why access was denied), or {@code null}
 */
public record AuditEvent(
        Instant at,
        String requestId,
        String actorUser,
        String actorProject,
        AuthMethod method,
        Action action,
        String objectId,
        Outcome outcome,
        String detail) {

    public enum Outcome { SUCCESS, DENIED, FAILED }

    /**
     * Whether the event stays true when the transaction that recorded it rolls back (a KMIP Undo batch): a refusal
     * happened whatever became of the rest; a success is undone with the work it describes.
     */
    public boolean outlivesRollback() {
        return outcome != Outcome.SUCCESS;
    }

    public static AuditEvent of(CallContext call, Instant at, Action action, String objectId, Outcome outcome,
                                String detail) {
        Principal p = call.principal();
        return new AuditEvent(at, call.requestId(), p.userId(), p.project().value(), p.method(), action, objectId,
                outcome, detail);
    }
}
