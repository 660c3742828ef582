package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.keys.PayloadProtector;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.object.EdgeAllowance;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.Ownership;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.audit.AuditEvent.Outcome;
import dev.donjon.server.domain.DomainException.Clash;
import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Secrets and their payloads, for every protocol. Each call checks the caller's role, confines it to its project
 * (another project's secret is reported missing, exactly like an absent one) and commits every change together with
 * its audit event.
 */
public final class SecretService {
    private final Store store;
    private final PayloadProtector protector;
    private final Guard guard;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final Quotas quotas;

    public SecretService(Store store, PayloadProtector protector, AccessPolicy policy, Clock clock,
                         int maxPayloadBytes, Quotas quotas) {
        this.quotas = quotas;
        this.store = store;
        this.protector = protector;
        this.guard = new Guard(store, policy, clock);
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Secret create(CallContext call, NewSecret spec, Plaintext payload) {
        guard.authorize(call, Action.SECRET_CREATE, null);
        Instant now = now();
        if (spec.expiration() != null && !spec.expiration().isAfter(now)) {
            throw new DomainException.InvalidInput("expiration is before current time");
        }
        if (payload != null) {
            checkSize(payload);
        }
        Principal who = call.principal();
        Secret secret = new Secret(SecretId.random(), who.project(), spec.name(), spec.type(), spec.algorithm(),
                spec.bitLength(), spec.mode(), who.userId(), now, now, truncate(spec.expiration()),
                payload == null ? null : payload.contentType(), protector.secretStore(who.project()));
        SealedPayload sealed = payload == null ? null
                : protector.seal(secret.binding(), secret.secretStore(), payload.bytes());
        try {
            return store.write(tx -> {
                quotas.check(tx, who.project(), Quotas.Resource.SECRETS);
                tx.secrets().insert(secret, sealed);
                tx.audit().append(AuditEvent.of(call, now, Action.SECRET_CREATE, secret.id().toString(),
                        Outcome.SUCCESS, null));
                return secret;
            });
        } catch (RuntimeException e) {
            if (sealed != null) {
                protector.releaseUnwritten(secret.binding(), sealed, e);
            }
            throw e;
        }
    }

    public Secret get(CallContext call, SecretId id) {
        Secret secret = readable(call, id, Action.SECRET_READ, false).secret();
        guard.recordRead(call, Action.SECRET_READ, id);
        return secret;
    }

    /**
     * The secret and its payload in the clear, unless its {@link KeyProtection} (set over KMIP) keeps the key material
     * in the server or lets it out only wrapped, which this API cannot do; the caller closes the plaintext when it has
     * sent it.
     */
    public Revealed reveal(CallContext call, SecretId id) {
        Readable row = readable(call, id, Action.SECRET_READ_PAYLOAD, true);
        SealedPayload sealed = row.sealed().orElseThrow(() -> new DomainException.NotFound(Missing.SECRET_PAYLOAD));
        row.protection().requireServable(KeyProtection.Exposure.CLEAR);
        if (row.attributes() != null && EdgeAllowance.limits(row.attributes())) {
            store.write(tx -> {
                EdgeAllowance.spend(tx, id, row.attributes(), now());
                return null;
            });
        }
        byte[] clear = protector.open(row.secret().binding(), sealed);
        try {
            return guard.recordRead(call, Action.SECRET_READ_PAYLOAD, id,
                    new Revealed(row.secret(), new Plaintext(clear, row.secret().contentType())));
        } finally {
            java.util.Arrays.fill(clear, (byte) 0);
        }
    }

    /**
     * The second step of two-step creation: a payload for a secret created without one. The upload is only read
     * (decoded, validated) once the secret is known to take it, so that a secret that already has a payload answers
     * that conflict whatever the body, as Barbican does.
     */
    public void attachPayload(CallContext call, SecretId id, Supplier<Plaintext> upload) {
        Secret secret = checked(call, id, Action.SECRET_UPLOAD_PAYLOAD);
        if (secret.hasPayload()) {
            throw new DomainException.Conflict(Clash.PAYLOAD_ALREADY_STORED);
        }
        try (Plaintext payload = upload.get()) {
            attach(call, id, secret, payload);
        }
    }

    private void attach(CallContext call, SecretId id, Secret secret, Plaintext payload) {
        checkSize(payload);
        SealedPayload sealed = protector.seal(secret.binding(), secret.secretStore(), payload.bytes());
        Instant now = now();
        try {
            store.write(tx -> {
                Ownership.requireOwned(tx, id);
                if (!tx.secrets().attachPayload(id, payload.contentType(), sealed, now)) {
                    throw new DomainException.Conflict(Clash.PAYLOAD_ALREADY_STORED);
                }
                tx.audit().append(AuditEvent.of(call, now, Action.SECRET_UPLOAD_PAYLOAD, id.toString(),
                        Outcome.SUCCESS, null));
                return null;
            });
        } catch (RuntimeException e) {
            protector.releaseUnwritten(secret.binding(), sealed, e);
            throw e;
        }
    }

    /**
     * @param protectConsumers refuse while the secret has consumers (Barbican microversion 1.2 without
     *                         {@code force}); older clients delete regardless, as Barbican 1.0/1.1 did
     */
    public void delete(CallContext call, SecretId id, boolean protectConsumers) {
        Readable row = readable(call, id, Action.SECRET_DELETE, true);
        if (row.sealed().isPresent()) {
            // A device that holds the payload frees it first, so that when it cannot (unreachable) the secret stays
            // whole and the caller can retry; the consumers are checked first so that a refusal frees nothing.
            if (protectConsumers && store.read(tx -> tx.secretConsumers().any(id))) {
                throw new DomainException.Conflict(Clash.SECRET_HAS_CONSUMERS);
            }
            protector.release(row.secret().binding(), row.sealed().get());
        }
        Instant now = now();
        store.write(tx -> {
            visible(call, tx, id);
            Ownership.requireOwned(tx, id);
            if (protectConsumers && tx.secretConsumers().any(id)) {
                throw new DomainException.Conflict(Clash.SECRET_HAS_CONSUMERS);
            }
            tx.secrets().delete(id, now);
            tx.audit().append(AuditEvent.of(call, now, Action.SECRET_DELETE, id.toString(), Outcome.SUCCESS, null));
            return null;
        });
    }

    /** The caller's project's secrets; an empty query stands for a filter no secret can match. */
    public Page<Secret> list(CallContext call, Optional<SecretQuery> query) {
        guard.authorize(call, Action.SECRET_LIST, null);
        if (query.isEmpty()) {
            return new Page<>(java.util.List.of(), 0);
        }
        Instant now = now();
        return store.read(tx -> tx.secrets().list(call.principal().project(), query.get(), now));
    }

    /** Secrets of any project whose ACL lists the calling user (Barbican's {@code acl_only} listing). */
    public Page<Secret> listShared(CallContext call, int offset, int limit) {
        guard.authorize(call, Action.SECRET_LIST, null);
        String user = call.principal().userId();
        if (user == null) {
            return new Page<>(java.util.List.of(), 0);
        }
        return store.read(tx -> tx.acls().secretsSharedWith(user, offset, limit, now()));
    }

    /** The secret's user metadata; like the secret itself, readable by the users its ACL lists. */
    public Map<String, String> userMetadata(CallContext call, SecretId id) {
        checked(call, id, Action.SECRET_METADATA_READ);
        return store.read(tx -> {
            stillThere(tx, id);
            return tx.secrets().userMetadata(id);
        });
    }

    public String userMetadatum(CallContext call, SecretId id, String key) {
        checked(call, id, Action.SECRET_METADATA_READ);
        return store.read(tx -> {
            stillThere(tx, id);
            String value = tx.secrets().userMetadata(id).get(key);
            if (value == null) {
                throw new DomainException.NotFound(Missing.SECRET_METADATUM);
            }
            return value;
        });
    }

    public void replaceUserMetadata(CallContext call, SecretId id, Map<String, String> metadata) {
        changeMetadata(call, id, tx -> tx.secrets().replaceUserMetadata(id, metadata));
    }

    public void addUserMetadatum(CallContext call, SecretId id, String key, String value) {
        changeMetadata(call, id, tx -> {
            if (!tx.secrets().addUserMetadatum(id, key, value)) {
                throw new DomainException.Conflict(Clash.METADATUM_EXISTS);
            }
        });
    }

    public void updateUserMetadatum(CallContext call, SecretId id, String key, String value) {
        changeMetadata(call, id, tx -> {
            if (!tx.secrets().updateUserMetadatum(id, key, value)) {
                throw new DomainException.NotFound(Missing.SECRET_METADATUM);
            }
        });
    }

    public void deleteUserMetadatum(CallContext call, SecretId id, String key) {
        changeMetadata(call, id, tx -> {
            if (!tx.secrets().deleteUserMetadatum(id, key)) {
                throw new DomainException.NotFound(Missing.SECRET_METADATUM);
            }
        });
    }

    private void changeMetadata(CallContext call, SecretId id, java.util.function.Consumer<StoreTx> change) {
        checked(call, id, Action.SECRET_METADATA_WRITE);
        Instant now = now();
        store.write(tx -> {
            visible(call, tx, id);
            Ownership.requireOwned(tx, id);
            change.accept(tx);
            tx.audit().append(AuditEvent.of(call, now, Action.SECRET_METADATA_WRITE, id.toString(), Outcome.SUCCESS,
                    null));
            return null;
        });
    }

    /** The secret if the caller's project owns it and it has not expired; otherwise it does not exist for them. */
    private Secret visible(CallContext call, StoreTx tx, SecretId id) {
        return tx.secrets().find(id)
                .filter(s -> s.project().equals(call.principal().project()))
                .filter(s -> !s.isExpiredAt(now()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.SECRET));
    }

    private Secret stillThere(StoreTx tx, SecretId id) {
        return tx.secrets().find(id).filter(s -> !s.isExpiredAt(now()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.SECRET));
    }

    /** Checks the action on the secret (see {@link Guard#authorize(CallContext, Action, Object, AccessPolicy.Target,
     * java.util.function.Supplier)}) and returns it. */
    private Secret checked(CallContext call, SecretId id, Action action) {
        return readable(call, id, action, false).secret();
    }

    /**
     * A secret and, when asked for, its sealed payload and how that may leave the server, read together.
     *
     * @param protection as stored when the payload was asked for, otherwise {@link KeyProtection#DEFAULT}
     */
    /** @param attributes the object's attributes when its payload was read, else {@code null} */
    private record Readable(Secret secret, Optional<SealedPayload> sealed, KeyProtection protection,
                            ObjectAttributes attributes) {
    }

    /**
     * The secret (with its payload when asked for) if the policy lets the caller perform the action on it: a user
     * the secret's ACL lists may read it from any project and with any role; anyone else needs a role allowing the
     * action in the secret's own project, and a private secret (project access off) further needs the project's
     * admin role or to be its creator (see {@link AccessPolicy}).
     */
    private Readable readable(CallContext call, SecretId id, Action action, boolean withPayload) {
        record Found(Readable readable, Acl acl) {
        }
        Found found = store.readOneStatement(tx -> tx.secrets().findForRead(id, withPayload,
                        withPayload ? EdgeAllowance.ATTRIBUTES : List.of()))
                .filter(read -> !read.secret().isExpiredAt(now()))
                .map(read -> new Found(new Readable(read.secret(), read.payload(), read.protection(), withPayload
                        ? EdgeAllowance.attributes(read.textAttributes()) : null),
                        read.acl().orElse(Acl.DEFAULT)))
                .orElse(null);
        guard.authorize(call, action, id, found == null ? null
                : new AccessPolicy.Target(found.readable().secret().project(), found.readable().secret().creatorId(),
                        found.acl()), () -> new DomainException.NotFound(Missing.SECRET));
        return found.readable();
    }

    private void checkSize(Plaintext payload) {
        if (payload.length() > maxPayloadBytes) {
            throw new DomainException.PayloadTooLarge();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A secret with its payload in the clear. */
    public record Revealed(Secret secret, Plaintext payload) implements AutoCloseable {
        @Override
        public void close() {
            payload.close();
        }
    }
}
