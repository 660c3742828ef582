package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Containers, the secrets they reference and their consumers. A container only ever references secrets its own
 * project can see; another project's container is refused unless its ACL opens it (see {@link Guard}).
 */
public final class ContainerService {
    private final Store store;
    private final Guard guard;
    private final Quotas quotas;

    public ContainerService(Store store, AccessPolicy policy, Clock clock, Quotas quotas) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
        this.quotas = quotas;
    }

    /** What a caller asks to create; reference names were validated against the type by the edge. */
    public record NewContainer(String name, ContainerType type, List<ContainerSecretRef> secretRefs) {
    }

    public Container create(CallContext call, NewContainer spec) {
        guard.authorize(call, Action.CONTAINER_CREATE, null);
        Instant now = guard.now();
        Principal who = call.principal();
        Container container = new Container(ContainerId.random(), who.project(), spec.name(), spec.type(),
                who.userId(), now, now, spec.secretRefs());
        return store.write(tx -> {
            quotas.check(tx, who.project(), Quotas.Resource.CONTAINERS);
            for (ContainerSecretRef ref : spec.secretRefs()) {
                referencedSecret(call, tx, ref, now);
            }
            tx.containers().insert(container);
            Guard.audit(tx, call, now, Action.CONTAINER_CREATE, container.id());
            return container;
        });
    }

    /** The container and its consumers, as Barbican renders a container. */
    public record WithConsumers(Container container, List<ContainerConsumer> consumers) {
    }

    public WithConsumers get(CallContext call, ContainerId id) {
        return readable(call, id, Action.CONTAINER_READ);
    }

    public Page<WithConsumers> list(CallContext call, String name, ContainerType type, int offset, int limit) {
        guard.authorize(call, Action.CONTAINER_LIST, null);
        return store.read(tx -> {
            Page<Container> page = tx.containers().list(call.principal().project(), name, type, offset, limit);
            Map<ContainerId, List<ContainerConsumer>> consumers =
                    tx.containers().consumersOf(page.items().stream().map(Container::id).toList());
            return new Page<>(page.items().stream()
                    .map(c -> new WithConsumers(c, consumers.getOrDefault(c.id(), List.of())))
                    .toList(), page.total());
        });
    }

    public void delete(CallContext call, ContainerId id) {
        readable(call, id, Action.CONTAINER_DELETE);
        Instant now = guard.now();
        store.write(tx -> {
            visible(call, tx, id);
            tx.containers().delete(id);
            Guard.audit(tx, call, now, Action.CONTAINER_DELETE, id);
            return null;
        });
    }

    public void addSecret(CallContext call, ContainerId id, ContainerSecretRef ref) {
        readable(call, id, Action.CONTAINER_SECRET_ADD);
        Instant now = guard.now();
        store.write(tx -> {
            Container container = visible(call, tx, id);
            if (container.type() != ContainerType.GENERIC) {
                throw new DomainException.InvalidInput("Only 'generic' containers can be modified.");
            }
            referencedSecret(call, tx, ref, now);
            if (!tx.containers().addSecret(id, ref, now)) {
                throw new DomainException.Conflict(DomainException.Clash.CONTAINER_SECRET_EXISTS);
            }
            Guard.audit(tx, call, now, Action.CONTAINER_SECRET_ADD, id);
            return null;
        });
    }

    public void removeSecret(CallContext call, ContainerId id, ContainerSecretRef ref) {
        readable(call, id, Action.CONTAINER_SECRET_REMOVE);
        Instant now = guard.now();
        store.write(tx -> {
            Container container = visible(call, tx, id);
            if (container.type() != ContainerType.GENERIC) {
                throw new DomainException.InvalidInput("Only 'generic' containers can be modified.");
            }
            if (!tx.containers().removeSecret(id, ref, now)) {
                throw new DomainException.NotFound(Missing.CONTAINER_SECRET);
            }
            Guard.audit(tx, call, now, Action.CONTAINER_SECRET_REMOVE, id);
            return null;
        });
    }

    public Page<ContainerConsumer> consumers(CallContext call, ContainerId id, int offset, int limit) {
        readable(call, id, Action.CONTAINER_CONSUMER_LIST);
        return store.read(tx -> tx.containers().consumers(id, offset, limit));
    }

    /** Registers a consumer (again, harmlessly, if it is registered already) and returns the container. */
    public WithConsumers addConsumer(CallContext call, ContainerId id, String name, String url) {
        readable(call, id, Action.CONTAINER_CONSUMER_CREATE);
        Instant now = guard.now();
        // The consumer belongs to the caller's project, which may be another than the container's (through an ACL).
        ProjectId registrant = call.principal().project();
        return store.write(tx -> {
            Container container = stillThere(tx, id);
            quotas.check(tx, registrant, Quotas.Resource.CONSUMERS);
            tx.containers().addConsumer(id, registrant, name, url, now);
            Guard.audit(tx, call, now, Action.CONTAINER_CONSUMER_CREATE, id);
            return new WithConsumers(container, tx.containers().consumers(id));
        });
    }

    /**
     * Removes a consumer. Whoever may read the container reaches this far, but only the project that registered the
     * consumer, or the one that owns the container, removes it (Barbican: "only the creator of a consumer can delete
     * it").
     */
    public WithConsumers removeConsumer(CallContext call, ContainerId id, String name, String url) {
        Container checked = readable(call, id, Action.CONTAINER_CONSUMER_DELETE).container();
        ProjectId caller = call.principal().project();
        if (!checked.project().equals(caller) && store.read(tx -> tx.containers().consumerRegistrant(id, name, url))
                .filter(registrant -> !registrant.equals(caller)).isPresent()) {
            guard.deny(call, Action.CONTAINER_CONSUMER_DELETE, id, "consumer registered by another project",
                    DomainException.Forbidden.Refusal.NOT_CONSUMER_CREATOR);
        }
        Instant now = guard.now();
        return store.write(tx -> {
            Container container = stillThere(tx, id);
            if (!tx.containers().removeConsumer(id, name, url, now)) {
                throw new DomainException.NotFound(Missing.CONSUMER);
            }
            Guard.audit(tx, call, now, Action.CONTAINER_CONSUMER_DELETE, id);
            return new WithConsumers(container, tx.containers().consumers(id));
        });
    }

    /**
     * The container if the policy lets the caller perform the action on it (see {@link AccessPolicy}): a user the
     * container's ACL lists may read it (and see or change its consumers) from any project with any role; anyone else
     * needs a role allowing the action in its project, and a private container also needs the project's admin role
     * or to be its creator.
     */
    private WithConsumers readable(CallContext call, ContainerId id, Action action) {
        record Found(WithConsumers container, Acl acl) {
        }
        Found found = store.read(tx -> tx.containers().find(id)
                .map(c -> new Found(new WithConsumers(c, tx.containers().consumers(id)),
                        tx.acls().ofContainer(id).orElse(Acl.DEFAULT)))
                .orElse(null));
        Container container = found == null ? null : found.container().container();
        guard.authorize(call, action, id, container == null ? null
                : new AccessPolicy.Target(container.project(), container.creatorId(), found.acl()),
                () -> new DomainException.NotFound(Missing.CONTAINER));
        return found.container();
    }

    /** The container again inside the writing transaction, in case it was deleted since it was checked. */
    private static Container stillThere(StoreTx tx, ContainerId id) {
        return tx.containers().find(id).orElseThrow(() -> new DomainException.NotFound(Missing.CONTAINER));
    }

    private static Container visible(CallContext call, StoreTx tx, ContainerId id) {
        return tx.containers().find(id)
                .filter(c -> c.project().equals(call.principal().project()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.CONTAINER));
    }

    /** A reference must name a live secret of the caller's project; anything else is reported as missing. */
    private static void referencedSecret(CallContext call, StoreTx tx, ContainerSecretRef ref, Instant now) {
        tx.secrets().find(ref.secretId())
                .filter(s -> s.project().equals(call.principal().project()))
                .filter(s -> !s.isExpiredAt(now))
                .orElseThrow(() -> new DomainException.NotFound(Missing.REFERENCED_SECRET, ref.name()));
    }
}
