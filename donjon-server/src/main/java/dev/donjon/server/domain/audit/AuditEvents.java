package dev.donjon.server.domain.audit;

import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.access.Role;
import dev.donjon.server.domain.port.Store;

import java.time.Clock;

/**
 * Reading the audit trail: a project's admin or auditor sees the events of its project, the service admin those of
 * every project; anyone else is refused (and that refusal is audited). Reading the trail is itself recorded.
 */
public final class AuditEvents {
    private final Store store;
    private final Guard guard;

    public AuditEvents(Store store, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
    }

    /** @param query the filters; its project is replaced by the caller's unless the caller is a service admin */
    public Page<ChainedEvent> find(CallContext call, AuditQuery query) {
        guard.authorize(call, Action.AUDIT_READ, null);
        AuditQuery confined = call.principal().has(Role.SERVICE_ADMIN) ? query
                : new AuditQuery(call.principal().project(), query.objectId(), query.action(), query.outcome(),
                query.offset(), query.limit());
        Page<ChainedEvent> page = store.read(tx -> tx.audit().find(confined));
        guard.recordRead(call, Action.AUDIT_READ, null);
        return page;
    }
}
