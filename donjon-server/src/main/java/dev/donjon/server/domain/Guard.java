package dev.donjon.server.domain;

import dev.donjon.server.domain.AuditEvent.Outcome;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The role check every service call starts with; a denial is audited in a transaction of its own (the request makes
 * no other change) before it is reported.
 */
final class Guard {
    private final Store store;
    private final AccessPolicy policy;
    private final Clock clock;

    Guard(Store store, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    void authorize(CallContext call, Action action, Object objectId) {
        if (!policy.permits(call.principal(), action)) {
            deny(call, action, objectId, "role not permitted");
        }
    }

    /** Audits and reports a denial decided by the caller (an object-level rule rather than a role). */
    void deny(CallContext call, Action action, Object objectId, String why) {
        store.write(tx -> {
            tx.audit().append(AuditEvent.of(call, now(), action, objectId == null ? null : objectId.toString(),
                    Outcome.DENIED, why));
            return null;
        });
        throw new DomainException.Forbidden(action);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static void audit(StoreTx tx, CallContext call, Instant at, Action action, Object objectId) {
        tx.audit().append(AuditEvent.of(call, at, action, objectId == null ? null : objectId.toString(),
                Outcome.SUCCESS, null));
    }
}
