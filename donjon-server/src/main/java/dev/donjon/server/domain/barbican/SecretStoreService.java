package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The configured secret stores, the global default, and projects' preferred stores (all admin-only, as Barbican). */
public final class SecretStoreService {
    private final Store store;
    private final Guard guard;
    private final List<SecretStore> stores;

    /** @param stores the configured backends; exactly one is the global default */
    public SecretStoreService(Store store, AccessPolicy policy, Clock clock, List<SecretStore> stores) {
        if (stores.stream().filter(SecretStore::globalDefault).count() != 1) {
            throw new IllegalArgumentException("exactly one secret store must be the global default");
        }
        this.store = store;
        this.guard = new Guard(store, policy, clock);
        this.stores = List.copyOf(stores);
    }

    public List<SecretStore> list(CallContext call) {
        guard.authorize(call, Action.SECRET_STORE_READ, null);
        return stores;
    }

    public SecretStore get(CallContext call, UUID id) {
        guard.authorize(call, Action.SECRET_STORE_READ, id);
        return byId(id);
    }

    public SecretStore globalDefault(CallContext call) {
        guard.authorize(call, Action.SECRET_STORE_READ, null);
        return stores.stream().filter(SecretStore::globalDefault).findFirst().orElseThrow();
    }

    public SecretStore preferred(CallContext call) {
        guard.authorize(call, Action.SECRET_STORE_READ, null);
        UUID id = store.read(tx -> tx.preferredStores().find(call.principal().project()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.PREFERRED_SECRET_STORE));
        return byId(id);
    }

    public void prefer(CallContext call, UUID id) {
        guard.authorize(call, Action.PREFERRED_STORE_SET, id);
        SecretStore chosen = byId(id);
        Instant now = guard.now();
        store.write(tx -> {
            tx.preferredStores().put(call.principal().project(), chosen.id(), now);
            Guard.audit(tx, call, now, Action.PREFERRED_STORE_SET, id);
            return null;
        });
    }

    public void unprefer(CallContext call, UUID id) {
        guard.authorize(call, Action.PREFERRED_STORE_REMOVE, id);
        byId(id);
        Instant now = guard.now();
        store.write(tx -> {
            if (!tx.preferredStores().delete(call.principal().project())) {
                throw new DomainException.NotFound(Missing.PREFERRED_SECRET_STORE);
            }
            Guard.audit(tx, call, now, Action.PREFERRED_STORE_REMOVE, id);
            return null;
        });
    }

    /**
     * Transport keys, which Barbican offers for wrapping payloads in transit; Donjon has none (TLS protects transit),
     * so every caller allowed to ask gets an empty list.
     */
    public List<String> transportKeys(CallContext call) {
        guard.authorize(call, Action.TRANSPORT_KEY_LIST, null);
        return List.of();
    }

    private SecretStore byId(UUID id) {
        return stores.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new DomainException.NotFound(Missing.SECRET_STORE));
    }
}
