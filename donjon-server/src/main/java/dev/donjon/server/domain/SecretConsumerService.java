package dev.donjon.server.domain;

import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Secret consumers (Barbican microversion 1.1): which service resources use a secret. */
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
        guard.authorize(call, Action.SECRET_CONSUMER_LIST, id);
        return store.read(tx -> {
            visible(call, tx, id);
            return tx.secretConsumers().list(id, offset, limit);
        });
    }

    /** The consumers of secrets the caller has already been allowed to see (secret documents at 1.1). */
    public Map<SecretId, List<SecretConsumer>> of(Collection<SecretId> ids) {
        return ids.isEmpty() ? Map.of() : store.read(tx -> tx.secretConsumers().of(ids));
    }

    /** The secret with its consumers after the change. */
    public record Result(Secret secret, List<SecretConsumer> consumers) {
    }

    public Result add(CallContext call, SecretId id, SecretConsumer.Key key) {
        guard.authorize(call, Action.SECRET_CONSUMER_CREATE, id);
        Instant now = guard.now();
        return store.write(tx -> {
            Secret secret = visible(call, tx, id);
            quotas.check(tx, secret.project(), Quotas.Resource.CONSUMERS);
            tx.secretConsumers().add(id, secret.project(), key, now);
            Guard.audit(tx, call, now, Action.SECRET_CONSUMER_CREATE, id);
            return new Result(secret, tx.secretConsumers().of(List.of(id)).getOrDefault(id, List.of()));
        });
    }

    public Result remove(CallContext call, SecretId id, SecretConsumer.Key key) {
        guard.authorize(call, Action.SECRET_CONSUMER_DELETE, id);
        Instant now = guard.now();
        return store.write(tx -> {
            Secret secret = visible(call, tx, id);
            if (!tx.secretConsumers().remove(id, key)) {
                throw new DomainException.NotFound(Missing.CONSUMER);
            }
            Guard.audit(tx, call, now, Action.SECRET_CONSUMER_DELETE, id);
            return new Result(secret, tx.secretConsumers().of(List.of(id)).getOrDefault(id, List.of()));
        });
    }

    private Secret visible(CallContext call, StoreTx tx, SecretId id) {
        Instant now = guard.now();
        return tx.secrets().find(id)
                .filter(s -> s.project().equals(call.principal().project()))
                .filter(s -> !s.isExpiredAt(now))
                .orElseThrow(() -> new DomainException.NotFound(Missing.SECRET));
    }
}
