package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.port.QuotaRepository;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Instant;

/** Quotas as a caller sees its own, and as a service admin manages every project's. */
public final class QuotaService {
    private final Store store;
    private final Guard guard;
    private final Quotas quotas;

    public QuotaService(Store store, AccessPolicy policy, Clock clock, Quotas quotas) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
        this.quotas = quotas;
    }

    /** The limits that apply to the caller's project: its own where set, the defaults elsewhere. */
    public ProjectQuotas effective(CallContext call) {
        guard.authorize(call, Action.QUOTA_READ, null);
        return store.read(tx -> quotas.effective(tx.quotas().find(call.principal().project()).orElse(null)));
    }

    public Page<QuotaRepository.ProjectQuotaEntry> list(CallContext call, int offset, int limit) {
        guard.authorize(call, Action.PROJECT_QUOTA_READ, null);
        return store.read(tx -> tx.quotas().list(offset, limit));
    }

    /** A project's own quotas, as set; fields it did not set are {@code null}. */
    public ProjectQuotas get(CallContext call, ProjectId project) {
        guard.authorize(call, Action.PROJECT_QUOTA_READ, project);
        return store.read(tx -> tx.quotas().find(project))
                .orElseThrow(() -> new DomainException.NotFound(Missing.PROJECT_QUOTAS));
    }

    public void put(CallContext call, ProjectId project, ProjectQuotas limits) {
        guard.authorize(call, Action.PROJECT_QUOTA_WRITE, project);
        for (Quotas.Resource resource : Quotas.Resource.values()) {
            Integer limit = limits.get(resource);
            if (limit != null && limit < Quotas.UNLIMITED) {
                throw new DomainException.InvalidInput("a quota is -1 (unlimited), 0 (disabled) or a positive count");
            }
        }
        Instant now = guard.now();
        store.write(tx -> {
            tx.quotas().put(project, limits, now);
            Guard.audit(tx, call, now, Action.PROJECT_QUOTA_WRITE, project);
            return null;
        });
    }

    public void delete(CallContext call, ProjectId project) {
        guard.authorize(call, Action.PROJECT_QUOTA_WRITE, project);
        Instant now = guard.now();
        store.write(tx -> {
            if (!tx.quotas().delete(project)) {
                throw new DomainException.NotFound(Missing.PROJECT_QUOTAS);
            }
            Guard.audit(tx, call, now, Action.PROJECT_QUOTA_WRITE, project);
            return null;
        });
    }
}
