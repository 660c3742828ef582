package dev.donjon.server.domain.access;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.audit.AuditEvent.Outcome;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The role check every service call starts with; a denial is audited in a transaction of its own (the request makes
 * no other change) before it is reported.
 */
public final class Guard {
    private final Store store;
    private final AccessPolicy policy;
    private final Clock clock;
    private final boolean foreignAsMissing;

    /** Another project's object is answered as the policy says ({@link AccessPolicy#foreignObjectsAsMissing()}). */
    public Guard(Store store, AccessPolicy policy, Clock clock) {
        this(store, policy, clock, policy.foreignObjectsAsMissing());
    }

    /** @param foreignAsMissing whether another project's object is reported missing rather than refused */
    public Guard(Store store, AccessPolicy policy, Clock clock, boolean foreignAsMissing) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.foreignAsMissing = foreignAsMissing;
    }

    public void authorize(CallContext call, Action action, Object objectId) {
        if (!policy.permits(call.principal(), action)) {
            deny(call, action, objectId, "role not permitted");
        }
    }

    /**
     * The check of an action on one object, in Barbican's order of answers: a user the object's read ACL lists may
     * perform the actions the ACL opens from any project and with any role; otherwise a role that allows the action
     * nowhere is refused (403, whether or not the object exists); a missing object is reported missing; another
     * project's object is refused (403, as Barbican's project-match rules answer), or reported missing when so
     * configured; and then the policy decides on the object itself (its creator, its project access).
     *
     * @param target  the object, {@code null} if it does not exist
     * @param missing what to report for a missing object (and a foreign one, when those are reported missing)
     */
    public void authorize(CallContext call, Action action, Object objectId, AccessPolicy.Target target,
                          Supplier<? extends DomainException> missing) {
        Principal who = call.principal();
        if (target != null && policy.opensByAcl(who, action, target)) {
            return;
        }
        authorize(call, action, objectId);
        if (target == null || (foreignAsMissing && !target.project().equals(who.project()))) {
            throw missing.get();
        }
        if (!target.project().equals(who.project())) {
            deny(call, action, objectId, "another project's object");
        }
        if (!policy.permits(who, action, target)) {
            deny(call, action, objectId, target.acl().projectAccess() ? "not permitted on this object"
                    : "private object");
        }
    }

    /** Audits and reports a denial decided by the caller (an object-level rule rather than a role). */
    public void deny(CallContext call, Action action, Object objectId, String why) {
        deny(call, action, objectId, why, DomainException.Forbidden.Refusal.POLICY);
    }

    /** Audits and reports a denial with a refusal edges word on their own. */
    public void deny(CallContext call, Action action, Object objectId, String why,
                     DomainException.Forbidden.Refusal refusal) {
        store.write(tx -> {
            tx.audit().append(AuditEvent.of(call, now(), action, objectId == null ? null : objectId.toString(),
                    Outcome.DENIED, why));
            return null;
        });
        throw new DomainException.Forbidden(action, refusal);
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static void audit(StoreTx tx, CallContext call, Instant at, Action action, Object objectId) {
        tx.audit().append(AuditEvent.of(call, at, action, objectId == null ? null : objectId.toString(),
                Outcome.SUCCESS, null));
    }
}
