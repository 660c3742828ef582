package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.port.StoreTx;

/**
 * Per-project limits on how many objects may exist, checked inside the creating transaction. Concurrent creations
 * cannot overshoot together: a finite limit lives in the project's quota row, which the check locks before counting
 * (PostgreSQL then serialises the project's creations; SQLite has one writer anyway). A limit of -1 is unlimited, 0
 * forbids creation.
 */
public final class Quotas {
    public static final int UNLIMITED = -1;

    /** The quota-limited resources, in Barbican's document order. */
    public enum Resource {
        SECRETS("secrets"), ORDERS("orders"), CONTAINERS("containers"), CONSUMERS("consumers"), CAS("cas");

        private final String wireName;

        Resource(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final ProjectQuotas defaults;

    /** @param defaults the limits of projects without quotas of their own; every field set */
    public Quotas(ProjectQuotas defaults) {
        this.defaults = defaults;
    }

    public static Quotas unlimited() {
        return new Quotas(new ProjectQuotas(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED));
    }

    public ProjectQuotas defaults() {
        return defaults;
    }

    /**
     * Inside the creating write transaction: refuses one more object of the resource if the project is at its limit.
     *
     * @throws DomainException.QuotaExceeded when one more object would exceed the limit
     */
    public void check(StoreTx tx, ProjectId project, Resource resource) {
        check(tx, project, resource, true);
    }

    /**
     * The same check without the lock, for a read transaction before expensive work (key generation), so that a
     * project at its limit is refused early; the write transaction checks again.
     */
    public void precheck(StoreTx tx, ProjectId project, Resource resource) {
        check(tx, project, resource, false);
    }

    private void check(StoreTx tx, ProjectId project, Resource resource, boolean lock) {
        ProjectQuotas own = tx.quotas().find(project).orElse(null);
        int limit = effective(own).limit(resource);
        if (limit == UNLIMITED) {
            return;
        }
        if (limit == 0) {
            throw new DomainException.QuotaExceeded(resource);
        }
        if (lock) {
            tx.quotas().lock(project);
        }
        if (tx.quotas().usage(project, resource) >= limit) {
            throw new DomainException.QuotaExceeded(resource);
        }
    }

    /** A project's own limits with the defaults filled in where it has none. */
    public ProjectQuotas effective(ProjectQuotas own) {
        return own == null ? defaults : own.orElse(defaults);
    }
}
