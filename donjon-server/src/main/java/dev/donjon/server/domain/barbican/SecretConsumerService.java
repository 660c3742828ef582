package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Secret consumers (Barbican microversion 1.1): which service resources use a secret. Whoever may read the secret may
 * see and change its consumers, as in Barbican: ACL users from any project, otherwise the project's roles subject to
 * the secret being private.
 */
public final class SecretConsumerService {
    private final Store store;
    private final Guard guard;
    private final Quotas quotas;

    public SecretConsumerService(Store store, AccessPolicy policy, Clock clock, Quotas quotas) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
        this.quotas = quotas;
    }

    public Page<SecretConsumer> list(CallContext call, SecretId id, int offset, int limit) {
        readable(call, id, Action.SECRET_CONSUMER_LIST);
        return store.read(tx -> tx.secretConsumers().list(id, offset, limit));
    }

    /** The consumers of secrets the caller has already been allowed to see (secret documents at 1.1). */
    public Map<SecretId, List<SecretConsumer>> of(Collection<SecretId> ids) {
        return ids.isEmpty() ? Map.of() : store.read(tx -> tx.secretConsumers().of(ids));
    }

    /** The secret with its consumers after the change. */
    public record Result(Secret secret, List<SecretConsumer> consumers) {
    }

    /** Registers a consumer for the caller's project, which may be another than the secret's (through an ACL). */
    public Result add(CallContext call, SecretId id, SecretConsumer.Key key) {
        readable(call, id, Action.SECRET_CONSUMER_CREATE);
        Instant now = guard.now();
        ProjectId registrant = call.principal().project();
        return store.write(tx -> {
            Secret secret = stillThere(tx, id);
            quotas.check(tx, registrant, Quotas.Resource.CONSUMERS);
            tx.secretConsumers().add(id, registrant, key, now);
            Guard.audit(tx, call, now, Action.SECRET_CONSUMER_CREATE, id);
            return new Result(secret, tx.secretConsumers().of(List.of(id)).getOrDefault(id, List.of()));
        });
    }

    /**
     * Removes a consumer. Whoever may read the secret reaches this far, but only the project that registered the
     * consumer, or the one that owns the secret, removes it (Barbican: "only the creator of a consumer can delete it").
     */
    public Result remove(CallContext call, SecretId id, SecretConsumer.Key key) {
        Secret checked = readable(call, id, Action.SECRET_CONSUMER_DELETE);
        ProjectId caller = call.principal().project();
        if (!checked.project().equals(caller) && store.read(tx -> tx.secretConsumers().registrant(id, key))
                .filter(registrant -> !registrant.equals(caller)).isPresent()) {
            guard.deny(call, Action.SECRET_CONSUMER_DELETE, id, "consumer registered by another project",
                    DomainException.Forbidden.Refusal.NOT_CONSUMER_CREATOR);
        }
        Instant now = guard.now();
        return store.write(tx -> {
            Secret secret = stillThere(tx, id);
            if (!tx.secretConsumers().remove(id, key)) {
                throw new DomainException.NotFound(Missing.CONSUMER);
            }
            Guard.audit(tx, call, now, Action.SECRET_CONSUMER_DELETE, id);
            return new Result(secret, tx.secretConsumers().of(List.of(id)).getOrDefault(id, List.of()));
        });
    }

    /** The secret if the policy's rule allows the action on it (see {@link AccessPolicy}); denials are audited. */
    private Secret readable(CallContext call, SecretId id, Action action) {
        record Found(Secret secret, Acl acl) {
        }
        Found found = store.read(tx -> tx.secrets().find(id)
                .filter(s -> !s.isExpiredAt(guard.now()))
                .map(s -> new Found(s, tx.acls().ofSecret(id).orElse(Acl.DEFAULT)))
                .orElse(null));
        guard.authorize(call, action, id, found == null ? null
                : new AccessPolicy.Target(found.secret().project(), found.secret().creatorId(), found.acl()),
                () -> new DomainException.NotFound(Missing.SECRET));
        return found.secret();
    }

    /** The secret again inside the writing transaction, in case it was deleted since it was checked. */
    private static Secret stillThere(StoreTx tx, SecretId id) {
        return tx.secrets().find(id).orElseThrow(() -> new DomainException.NotFound(Missing.SECRET));
    }
}
