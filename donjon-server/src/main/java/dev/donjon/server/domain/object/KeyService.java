package dev.donjon.server.domain.object;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.ProjectId;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Acl;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.barbican.PayloadBinding;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.Quotas;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretService;
import dev.donjon.server.domain.keys.PayloadProtector;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.pki.CaService;
import dev.donjon.server.domain.pki.CrlReason;
import dev.donjon.server.domain.pki.IssuedCertificate;

import dev.donjon.server.domain.audit.AuditEvent.Outcome;
import dev.donjon.server.domain.DomainException.Clash;
import dev.donjon.server.domain.DomainException.Missing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Secrets as managed objects with a lifecycle (the KMIP view of the store). The same rows, key hierarchy, policy and
 * audit as {@link SecretService}: an object created here is a secret over REST with the same identifier. Each call
 * checks the caller's role, confines it to its project and commits every change with its audit event.
 */
public final class KeyService {
    private final Store store;
    private final PayloadProtector protector;
    private final KeyGenerator generator;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final Quotas quotas;
    private final Guard guard;
    private final AccessPolicy policy;

    /** @param quotas the secrets quota, which objects created here count against like secrets stored over REST */
    public KeyService(Store store, PayloadProtector protector, AccessPolicy policy, KeyGenerator generator,
                      Clock clock, int maxPayloadBytes, Quotas quotas) {
        this.quotas = quotas;
        this.store = store;
        this.protector = protector;
        this.policy = policy;
        // A KMIP identity acts in one project and Locate never shows another project's objects: such an object is
        // Item Not Found over KMIP, whatever REST answers.
        this.guard = new Guard(store, policy, clock, true);
        this.generator = generator;
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Runs {@code work} against a service whose every read and change joins one transaction: the changes commit
     * together when {@code work} returns and roll back together when it throws, audit events of successful work with
     * them (see {@link Store#atomically}). The caller's project KEK is made ready first, so that sealing inside needs
     * no write of its own. Everything {@code work} does holds the store's writer (SQLite) or its rows (PostgreSQL)
     * until it returns: keep it to the calls that must succeed or fail together.
     */
    public <T> T atomically(CallContext call, Function<KeyService, T> work) {
        return atomically(call, (joinedStore, joinedKeys) -> work.apply(joinedKeys));
    }

    /** As {@link #atomically(CallContext, Function)}, for work that also reads and writes the joined store itself. */
    public <T> T atomically(CallContext call, java.util.function.BiFunction<Store, KeyService, T> work) {
        protector.prepare(call.principal().project());
        return store.atomically(joined -> work.apply(joined, new KeyService(joined, protector, policy, generator,
                clock, maxPayloadBytes, quotas)));
    }

    /** Registers key material the client supplies. */
    public ManagedObject register(CallContext call, NewObject spec, Plaintext material) {
        authorize(call, Action.SECRET_CREATE, null);
        Ownership.refuseClaim(spec.attributes());
        if (material.length() > maxPayloadBytes) {
            throw new DomainException.PayloadTooLarge();
        }
        Sealed sealed = seal(call, SecretId.random(), spec, material, now());
        return written(tx -> insert(call, tx, sealed), sealed);
    }

    /**
     * Imports an object under the identifier the client chose (KMIP 2.x Import), into the caller's project, with the
     * lifecycle the client supplies. With {@code replace}, an object of the caller's project under that identifier is
     * deleted and the new one stored in the same transaction (which needs the right to delete it too); otherwise, or
     * when another project's object holds the identifier, the import is refused with {@link IdentifierTaken}.
     *
     * @param lifecycle the state and dates to give the object, or {@code null} to derive them as Register does
     */
    public ManagedObject importObject(CallContext call, SecretId id, NewObject spec, Plaintext material,
                                      Lifecycle lifecycle, boolean replace) {
        return importObject(call, id, spec, material, lifecycle, replace, (CarriedDates) null, null);
    }

    /**
     * As {@link #importObject(CallContext, SecretId, NewObject, Plaintext, Lifecycle, boolean)}, keeping the dates the
     * object had where it came from, so that an exported and re-imported object keeps its KMIP Initial and Last Change
     * Dates (bulk import, partition, merge).
     *
     * @param dates  the origin's creation and last change, or {@code null} for now
     * @param detail what the creation event says of where the object came from (a bulk transfer), or {@code null}
     */
    public ManagedObject importObject(CallContext call, SecretId id, NewObject spec, Plaintext material,
                                      Lifecycle lifecycle, boolean replace, CarriedDates dates, String detail) {
        return importObject(call, id, spec, material, lifecycle, replace, dates, detail, tx -> {
        });
    }

    /**
     * As {@link #importObject(CallContext, SecretId, NewObject, Plaintext, Lifecycle, boolean, CarriedDates, String)},
     * with {@code alongside} run in the import's transaction (a sealed export's replay receipt); it may throw to refuse
     * the import, and then nothing of it is stored.
     */
    public ManagedObject importObject(CallContext call, SecretId id, NewObject spec, Plaintext material,
                                      Lifecycle lifecycle, boolean replace, CarriedDates dates, String detail,
                                      java.util.function.Consumer<StoreTx> alongside) {
        Ownership.refuseClaim(spec.attributes());
        return importObject(call, id, spec, material, lifecycle, replace, detail, alongside, dates);
    }

    /**
     * The Initial and Last Change Dates an imported object brings; the last change is never before the creation.
     *
     * @param lastChange {@code null} for the creation date
     */
    public record CarriedDates(Instant initial, Instant lastChange) {
        public CarriedDates {
            initial = initial.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            lastChange = lastChange == null || lastChange.isBefore(initial) ? initial
                    : lastChange.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
    }

    /**
     * As {@link #importObject(CallContext, SecretId, NewObject, Plaintext, Lifecycle, boolean)}, with what the audit
     * event says of the import and what else it does in its transaction.
     *
     * @param detail    the creation event's detail (where the object came from), or {@code null}
     * @param alongside runs in the import's transaction before the object is stored; it may throw to refuse the import,
     *                  and then nothing of it is stored
     */
    public ManagedObject importObject(CallContext call, SecretId id, NewObject spec, Plaintext material,
                                      Lifecycle lifecycle, boolean replace, String detail,
                                      java.util.function.Consumer<StoreTx> alongside) {
        return importObject(call, id, spec, material, lifecycle, replace, detail, alongside, null);
    }

    private ManagedObject importObject(CallContext call, SecretId id, NewObject spec, Plaintext material,
                                       Lifecycle lifecycle, boolean replace, String detail,
                                       java.util.function.Consumer<StoreTx> alongside, CarriedDates dates) {
        authorize(call, Action.SECRET_CREATE, null);
        if (material.length() > maxPayloadBytes) {
            throw new DomainException.PayloadTooLarge();
        }
        Optional<ManagedObject> existing = store.read(tx -> tx.objects().find(id));
        if (existing.isPresent()) {
            if (!replace || !existing.get().secret().project().equals(call.principal().project())) {
                throw new IdentifierTaken();
            }
            authorize(call, Action.SECRET_DELETE, id);
        }
        Sealed fresh = seal(call, id, spec, material, now());
        Secret secret = fresh.secret();
        if (dates != null) {
            secret = new Secret(secret.id(), secret.project(), secret.name(), secret.type(), secret.algorithm(),
                    secret.bitLength(), secret.mode(), secret.creatorId(), dates.initial(), dates.lastChange(),
                    secret.expiration(), secret.contentType(), secret.secretStore());
        }
        Sealed sealed = new Sealed(secret, fresh.payload(), lifecycle == null ? fresh.lifecycle() : lifecycle,
                fresh.attributes(), fresh.now());
        return written(tx -> {
            Optional<ManagedObject> now = tx.objects().find(id);
            if (now.isPresent() != existing.isPresent()) {
                throw new IdentifierTaken();
            }
            // Before the import's own writes, so that what it checks sees the store as the import found it.
            alongside.accept(tx);
            if (now.isPresent()) {
                Ownership.requireReplaceableBy(now.get(), sealed.attributes());
                tx.secrets().delete(id, sealed.now());
                tx.audit().append(AuditEvent.of(call, sealed.now(), Action.SECRET_DELETE, id.toString(),
                        Outcome.SUCCESS, "replaced by an import"));
            }
            return insert(call, tx, sealed, detail);
        }, sealed);
    }

    /**
     * The earlier import of {@code object} of sealed export {@code exportId} from {@code origin}, if any: an import
     * from a sealed file asks first, so that a replay is refused as one whatever else would refuse it.
     */
    public Optional<dev.donjon.server.domain.port.SealedExportReceiptRepository.Receipt> sealedExportReceipt(
            String origin, String exportId, String object) {
        return store.read(tx -> tx.sealedExportReceipts().find(origin, exportId, object));
    }

    /**
     * Records a bulk transfer's summary (a merge or partition move, docs/replication.md) in the audit trail, as one
     * event of the caller's project: the client that ran the transfer writes it at both ends. It is authorised as the
     * transfer's own part here: at the destination the right to create (import), at the source the right to list
     * (the transfer located what it read).
     *
     * @param detail the summary: kind, batch, peer, counts per outcome
     */
    public void recordTransferSummary(CallContext call, boolean destination, String detail) {
        authorize(call, destination ? Action.SECRET_CREATE : Action.SECRET_LIST, null);
        store.write(tx -> {
            tx.audit().append(AuditEvent.of(call, now(), Action.TRANSFER_SUMMARY, null, Outcome.SUCCESS,
                    (destination ? "destination of " : "source of ") + detail));
            return null;
        });
    }

    /** An import names an identifier that an object already holds, and may not replace it. */
    public static final class IdentifierTaken extends RuntimeException {
        IdentifierTaken() {
            super("an object with that identifier already exists");
        }
    }

    /** The text attribute a clone names its origin in (a Donjon vendor attribute, beside its Parent link). */
    public static final String CLONE_OF = "x-donjon-clone-of";

    /**
     * Clones an object: a new object of the caller's project with the same key material, type, algorithm, length,
     * payload content type, usage mask, protection and text attributes, under its own identifier, with its own names
     * ({@code names}; the origin's stay its own), the project's default ACL and the caller as creator. It links to its
     * origin as its Parent and names it in {@link #CLONE_OF}; the origin is not changed. The key material never leaves
     * the server, so a non-extractable key may be cloned (the clone is non-extractable too). Only a pre-active or
     * active object is cloned, and the clone starts in that state; a deactivated, compromised or destroyed key is not
     * given a new life. A clone of a replica is owned here.
     */
    public ManagedObject cloneObject(CallContext call, SecretId originId, List<String> names) {
        authorize(call, Action.SECRET_CREATE, null);
        Stored stored = checked(call, Action.SECRET_READ_PAYLOAD, originId, true);
        ManagedObject origin = stored.object();
        EdgeAllowance.refuseCopy(origin.attributes(), "cloned");
        if (origin.state() != LifecycleState.ACTIVE && origin.state() != LifecycleState.PRE_ACTIVE) {
            throw new DomainException.Conflict(Clash.WRONG_STATE);
        }
        Instant now = now();
        ObjectAttributes attributes = new ObjectAttributes(origin.attributes().usageMask(), names,
                List.of(new ObjectLink(LinkKind.PARENT, originId.toString())), origin.attributes().text(),
                origin.attributes().protection()).withText(CLONE_OF, List.of(originId.toString()))
                .withText(Ownership.OWNER, List.of());
        NewObject spec = new NewObject(origin.secret().type(), origin.secret().algorithm(),
                origin.secret().bitLength(), attributes, null, null, NewObject.Derived.NONE);
        try (Revealed revealed = open(stored)) {
            Sealed fresh = seal(call, SecretId.random(), spec, revealed.material(), now);
            Secret secret = fresh.secret();
            Secret like = new Secret(secret.id(), secret.project(), secret.name(), secret.type(), secret.algorithm(),
                    secret.bitLength(), origin.secret().mode(), secret.creatorId(), now, now, null,
                    origin.secret().contentType(), secret.secretStore());
            Lifecycle lifecycle = origin.state() == LifecycleState.ACTIVE ? Lifecycle.activeSince(now)
                    : Lifecycle.preActive();
            Sealed sealed = new Sealed(like, fresh.payload(), lifecycle, fresh.attributes(), now);
            return written(tx -> {
                tx.audit().append(AuditEvent.of(call, now, Action.SECRET_READ_PAYLOAD, originId.toString(),
                        Outcome.SUCCESS, "cloned as " + like.id()));
                return insert(call, tx, sealed, "clone of " + originId);
            }, sealed);
        }
    }

    /**
     * Makes this server the owner of a replica (docs/replication.md): the object stops naming another owner and accepts
     * writes here. For an operator who lost the owner site, or moves ownership on purpose; audited with the previous
     * owner.
     *
     * @return the owner the replica named
     */
    public String promote(CallContext call, SecretId id) {
        authorize(call, Action.SECRET_METADATA_WRITE, id);
        Instant now = now();
        return store.write(tx -> {
            ManagedObject object = visible(call, tx, id);
            String previous = Ownership.owner(object.attributes()).orElseThrow(() -> new DomainException.Refused(
                    "the object is owned by this server already: only a replica is promoted"));
            // An edge may not make itself the owner of what it only borrowed: that would end the lease's limits.
            EdgeAllowance.refuseCopy(object.attributes(), "promoted");
            tx.objects().replaceAttributes(id, object.attributes().withText(Ownership.OWNER, List.of())
                    .withText(Ownership.PREVIOUS_OWNER, List.of(previous)), now);
            tx.audit().append(AuditEvent.of(call, now, Action.SECRET_METADATA_WRITE, id.toString(), Outcome.SUCCESS,
                    "promoted: this server owns the object, which '" + previous + "' owned"));
            return previous;
        });
    }

    /**
     * Applies its owner's removal to a replica (docs/replication.md): the key material destroyed (the object stays,
     * destroyed) or the object deleted, with {@code alongside} in the same transaction. A replica this server does not
     * hold (never received, or removed already) is left alone and {@code alongside} still runs; anything else under
     * the identifier (an object owned here or by another server) is refused.
     *
     * @return whether a replica was changed
     */
    public boolean removeReplica(CallContext call, SecretId id, String owner, boolean delete, String detail,
                                 java.util.function.Consumer<StoreTx> alongside) {
        authorize(call, Action.SECRET_CREATE, null);
        Instant now = now();
        List<SealedPayload> released = new java.util.ArrayList<>(1);
        Optional<ManagedObject> changed = store.write(tx -> {
            released.clear();
            alongside.accept(tx);
            Optional<ManagedObject> found = tx.objects().find(id)
                    .filter(o -> o.secret().project().equals(call.principal().project()));
            if (found.isEmpty()) {
                return Optional.<ManagedObject>empty();
            }
            ManagedObject object = found.get();
            if (!Ownership.owner(object.attributes()).filter(owner::equals).isPresent()) {
                throw new DomainException.Refused("the object is not a replica owned by '" + owner + "' here");
            }
            if (delete) {
                tx.secrets().payload(id).ifPresent(released::add);
                tx.secrets().delete(id, now);
                tx.audit().append(AuditEvent.of(call, now, Action.SECRET_DELETE, id.toString(), Outcome.SUCCESS,
                        detail));
                return Optional.of(object);
            }
            if (object.state().isDestroyed()) {
                return Optional.<ManagedObject>empty();
            }
            tx.objects().updateLifecycle(id, object.lifecycle().destroy(now), now);
            tx.secrets().payload(id).ifPresent(released::add);
            tx.objects().deletePayload(id);
            tx.audit().append(AuditEvent.of(call, now, Action.SECRET_DELETE, id.toString(), Outcome.SUCCESS, detail));
            return Optional.of(object);
        });
        changed.ifPresent(object -> released.forEach(payload -> {
            try {
                protector.release(object.secret().binding(), payload);
            } catch (DomainException.Unavailable e) {
                // As for a Destroy at the owner: the replica is removed whatever the device answers.
            }
        }));
        return changed.isPresent();
    }

    /**
     * Generates a symmetric key on the server; returns its identifier, all a Create answers with (reading the object
     * back inside the write, as the other creations do, cost the single SQLite writer a query of four tables).
     */
    public SecretId createSymmetric(CallContext call, NewObject spec, KeyGenerator.SymmetricAlgorithm algorithm,
                                    int bits) {
        authorize(call, Action.SECRET_CREATE, null);
        Ownership.refuseClaim(spec.attributes());
        try (Plaintext material = generator.symmetric(algorithm, bits)) {
            Sealed sealed = seal(call, SecretId.random(), spec, material, now());
            return written(tx -> stored(call, tx, sealed, null), sealed);
        }
    }

    /**
     * Generates a key pair; each half links to the other. The material is stored PEM-encoded (SubjectPublicKeyInfo,
     * PKCS#8), as Barbican orders store generated pairs.
     */
    public KeyPairObjects createKeyPair(CallContext call, NewObject privateSpec, NewObject publicSpec,
                                        KeyGenerator.AsymmetricAlgorithm algorithm, int bits) {
        authorize(call, Action.SECRET_CREATE, null);
        Ownership.refuseClaim(privateSpec.attributes());
        Ownership.refuseClaim(publicSpec.attributes());
        try (KeyGenerator.KeyPairMaterial pair = generator.keyPair(algorithm, bits, null)) {
            SecretId privateId = SecretId.random();
            SecretId publicId = SecretId.random();
            NewObject linkedPrivate = linked(privateSpec, LinkKind.PUBLIC_KEY, publicId);
            NewObject linkedPublic = linked(publicSpec, LinkKind.PRIVATE_KEY, privateId);
            Instant now = now();
            Sealed privateKey = seal(call, privateId, linkedPrivate, pair.privateKey(), now);
            Sealed publicKey = seal(call, publicId, linkedPublic, pair.publicKey(), now);
            return written(tx -> new KeyPairObjects(insert(call, tx, privateKey), insert(call, tx, publicKey)),
                    privateKey, publicKey);
        }
    }

    /**
     * Re-key: generates a symmetric key to replace {@code existing}, which in the same transaction gives up its names
     * (the replacement takes them, through {@code spec}) and links to the replacement as its Replacement Object.
     */
    public ManagedObject reKey(CallContext call, SecretId existing, NewObject spec,
                               KeyGenerator.SymmetricAlgorithm algorithm, int bits) {
        authorize(call, Action.SECRET_CREATE, null);
        Ownership.refuseClaim(spec.attributes());
        authorize(call, Action.SECRET_METADATA_WRITE, existing);
        try (Plaintext material = generator.symmetric(algorithm, bits)) {
            Sealed sealed = seal(call, SecretId.random(), spec, material, now());
            return written(tx -> {
                handOver(call, tx, existing, sealed);
                return insert(call, tx, sealed);
            }, sealed);
        }
    }

    /** Re-key Key Pair: as {@link #reKey}, each existing half replaced by the new half of its kind. */
    public KeyPairObjects reKeyPair(CallContext call, SecretId existingPrivate, SecretId existingPublic,
                                    NewObject privateSpec, NewObject publicSpec,
                                    KeyGenerator.AsymmetricAlgorithm algorithm, int bits) {
        authorize(call, Action.SECRET_CREATE, null);
        Ownership.refuseClaim(privateSpec.attributes());
        Ownership.refuseClaim(publicSpec.attributes());
        authorize(call, Action.SECRET_METADATA_WRITE, existingPrivate);
        authorize(call, Action.SECRET_METADATA_WRITE, existingPublic);
        try (KeyGenerator.KeyPairMaterial pair = generator.keyPair(algorithm, bits, null)) {
            SecretId privateId = SecretId.random();
            SecretId publicId = SecretId.random();
            Instant now = now();
            Sealed privateKey = seal(call, privateId, linked(privateSpec, LinkKind.PUBLIC_KEY, publicId),
                    pair.privateKey(), now);
            Sealed publicKey = seal(call, publicId, linked(publicSpec, LinkKind.PRIVATE_KEY, privateId),
                    pair.publicKey(), now);
            return written(tx -> {
                handOver(call, tx, existingPrivate, privateKey);
                handOver(call, tx, existingPublic, publicKey);
                return new KeyPairObjects(insert(call, tx, privateKey), insert(call, tx, publicKey));
            }, privateKey, publicKey);
        }
    }

    /** The existing object gives up its names, which its replacement takes, and links to that replacement. */
    private void handOver(CallContext call, StoreTx tx, SecretId existing, Sealed replacement) {
        ManagedObject object = visible(call, tx, existing);
        Ownership.requireOwned(object);
        tx.objects().replaceAttributes(existing, object.attributes().withNames(List.of())
                .withLink(new ObjectLink(LinkKind.REPLACEMENT_OBJECT, replacement.secret().id().toString())),
                replacement.now());
        tx.audit().append(AuditEvent.of(call, replacement.now(), Action.SECRET_METADATA_WRITE, existing.toString(),
                Outcome.SUCCESS, "replaced by " + replacement.secret().id()));
    }

    public ManagedObject get(CallContext call, SecretId id) {
        ManagedObject object = checked(call, Action.SECRET_READ, id, false).object();
        guard.recordRead(call, Action.SECRET_READ, id);
        return object;
    }

    /**
     * The object and its key material in the clear, for export as {@code exposure} if its {@link KeyProtection}
     * allows that; the caller closes it.
     */
    public Revealed reveal(CallContext call, SecretId id, KeyProtection.Exposure exposure) {
        Stored stored = checked(call, Action.SECRET_READ_PAYLOAD, id, true, true);
        stored.object().attributes().protection().requireServable(exposure);
        requireUnexpiredLease(stored);
        spendEdgeAllowance(stored.object());
        return guard.recordRead(call, Action.SECRET_READ_PAYLOAD, id, open(stored));
    }

    /**
     * Records the lease Obtain Lease grants the caller on an object it may read (KMIP 1.4 §4.17): until
     * {@code leaseTime} from now. From then on that client's Get, Export and uses of the object are refused once the
     * lease has run out, until it obtains another (§3.20: "the client SHALL NOT use the object without obtaining
     * another lease"). Clients that never obtained a lease are not bound by one.
     *
     * @param leaseTime the lease granted; zero grants no lease limit, and records nothing
     */
    public ManagedObject obtainLease(CallContext call, SecretId id, Duration leaseTime) {
        ManagedObject object = checked(call, Action.SECRET_READ, id, false).object();
        if (!leaseTime.isZero()) {
            Instant expires = now().plus(leaseTime);
            store.write(tx -> {
                tx.objectLeases().grant(id, leaseHolder(call), expires);
                return null;
            });
        }
        return object;
    }

    /** Refuses once the caller's lease on the object (read with it by {@link #checked}) has run out. */
    private void requireUnexpiredLease(Stored stored) {
        Instant now = now();
        stored.leaseExpiry().ifPresent(expires -> {
            if (!now.isBefore(expires)) {
                throw new DomainException.Refused("the client's lease on the object expired at " + expires
                        + ": Obtain Lease again before using it");
            }
        });
    }

    /** A lease binds the client that obtained it: its user (a KMIP certificate's identity) in its project. */
    private static String leaseHolder(CallContext call) {
        String user = call.principal().userId();
        return call.principal().project().value() + "/" + (user == null ? "" : user);
    }

    /**
     * The object and its key material for a cryptographic operation on the server, if its state and usage mask allow
     * {@code usage}; audited, as every use of a key is.
     */
    public Revealed use(CallContext call, SecretId id, KeyUsage usage) {
        Stored stored = checked(call, Action.SECRET_USE, id, true, true);
        ManagedObject object = stored.object();
        if (!object.state().permits(usage)) {
            throw new DomainException.Conflict(Clash.WRONG_STATE);
        }
        if (!object.attributes().usageMask().permits(usage)) {
            throw new DomainException.Conflict(Clash.USAGE_NOT_PERMITTED);
        }
        requireUnexpiredLease(stored);
        spendEdgeAllowance(object);
        // A use changes nothing stored: it is recorded like a read, batched with the others, before the key is used.
        store.record(AuditEvent.of(call, now(), Action.SECRET_USE, id.toString(), Outcome.SUCCESS,
                usage.name().toLowerCase()));
        return open(stored);
    }

    public ManagedObject activate(CallContext call, SecretId id) {
        return changeLifecycle(call, id, Action.SECRET_ACTIVATE, (lifecycle, now) -> lifecycle.activate(now));
    }

    /**
     * A certificate a Donjon CA issued is revoked at its CA too, in the same transaction: it is on the next CRL.
     *
     * @param compromiseOccurrence when a compromise happened, or {@code null} for now
     */
    public ManagedObject revoke(CallContext call, SecretId id, Revocation why, Instant compromiseOccurrence) {
        Instant occurrence = truncate(compromiseOccurrence);
        return changeLifecycle(call, id, Action.SECRET_REVOKE,
                (lifecycle, now) -> lifecycle.revoke(why, occurrence, now),
                (tx, now) -> CaService.revokeIfIssued(tx, id, CrlReason.of(why.reason()), now),
                (tx, object, now) -> EdgeCompromise.admit(tx, object, why, occurrence == null ? now : occurrence,
                        now));
    }

    /** Records a certificate a Donjon CA issued as this object, for the CA's CRL (inside {@link #atomically}). */
    public void recordIssued(IssuedCertificate issued) {
        store.write(tx -> {
            tx.cas().recordIssued(issued);
            return null;
        });
    }

    /** Destroys the key material; the object and its attributes remain, in a destroyed state. */
    public SecretId destroy(CallContext call, SecretId id) {
        return changeLifecycle(call, id, Action.SECRET_DELETE, (lifecycle, now) -> lifecycle.destroy(now),
                (tx, now) -> {
                }, (tx, object, now) -> Ownership.requireOwned(object), tx -> id);
    }

    /**
     * Changes the client-set attributes. {@code change} runs inside the transaction on the current attributes, so
     * concurrent changes never lose each other's work; it may throw to refuse the change.
     */
    public ManagedObject changeAttributes(CallContext call, SecretId id, UnaryOperator<ObjectAttributes> change) {
        authorize(call, Action.SECRET_METADATA_WRITE, id);
        Instant now = now();
        return store.write(tx -> {
            ManagedObject object = visible(call, tx, id);
            Ownership.requireOwned(object);
            ObjectAttributes changed = change.apply(object.attributes());
            Ownership.refuseClaim(changed);
            claimNames(tx, object.secret().project(), id, object.attributes().names(), changed.names());
            tx.objects().replaceAttributes(id, changed, now);
            tx.audit().append(AuditEvent.of(call, now, Action.SECRET_METADATA_WRITE, id.toString(), Outcome.SUCCESS,
                    null));
            return current(tx.objects().find(id).orElseThrow());
        });
    }

    /**
     * Changes attributes the server keeps about reads (KMIP's Fresh, cleared once key material is served), after a
     * read {@code call} was allowed; it needs no right of its own. {@code change} runs inside the transaction.
     */
    public void recordServed(CallContext call, SecretId id, UnaryOperator<ObjectAttributes> change) {
        store.write(tx -> {
            ManagedObject object = visible(call, tx, id);
            ObjectAttributes changed = change.apply(object.attributes());
            if (!changed.equals(object.attributes())) {
                tx.objects().replaceAttributes(id, changed, now());
            }
            return null;
        });
    }

    /**
     * Moves the Activation and/or Deactivation Date ({@code null} keeps one): the Activation Date while the object is
     * pre-active, the Deactivation Date while it is pre-active or active; a date already passed takes effect at once.
     */
    public ManagedObject reschedule(CallContext call, SecretId id, Instant activation, Instant deactivation) {
        return changeLifecycle(call, id, Action.SECRET_METADATA_WRITE, (lifecycle, now) -> lifecycle.reschedule(
                truncate(activation), truncate(deactivation), now));
    }

    /** The caller's project's objects matching the query. */
    public Page<SecretId> locate(CallContext call, LocateQuery query) {
        authorize(call, Action.SECRET_LIST, null);
        return store.read(tx -> tx.objects().locate(call.principal().project(), query, now()));
    }

    /** A new object ready to store, its material already sealed. */
    private record Sealed(Secret secret, SealedPayload payload, Lifecycle lifecycle, ObjectAttributes attributes,
                          Instant now) {
    }

    /**
     * Seals outside the write transaction that stores the result: sealing a project's first secret creates its KEK,
     * which is a write of its own.
     */
    private Sealed seal(CallContext call, SecretId id, NewObject spec, Plaintext material, Instant now) {
        Principal who = call.principal();
        ObjectAttributes attributes = spec.derived().apply(spec.attributes(), material.bytes());
        Secret secret = new Secret(id, who.project(), attributes.names().isEmpty() ? null : attributes.names().getFirst(),
                spec.type(), spec.algorithm(), spec.bitLength(), null, who.userId(), now, now, null,
                PayloadContentType.OCTET_STREAM, protector.secretStore(who.project()));
        Lifecycle lifecycle = Lifecycle.scheduled(truncate(spec.activationDate()), truncate(spec.deactivationDate()))
                .at(now);
        return new Sealed(secret, protector.seal(secret.binding(), secret.secretStore(), material.bytes()), lifecycle,
                attributes, now);
    }

    /**
     * Writes new objects whose payloads were sealed beforehand; when the write fails, a device that took a payload
     * gets it back. (Inside {@link #atomically} the write only joins the batch's transaction: a batch undone later
     * leaves such a payload on the device, which the Undo of a batch with a KMIP-device store cannot take back.)
     */
    private <T> T written(Function<StoreTx, T> write, Sealed... sealed) {
        try {
            return store.write(write::apply);
        } catch (RuntimeException e) {
            for (Sealed one : sealed) {
                protector.releaseUnwritten(one.secret().binding(), one.payload(), e);
            }
            throw e;
        }
    }

    private ManagedObject insert(CallContext call, StoreTx tx, Sealed sealed) {
        return insert(call, tx, sealed, null);
    }

    private ManagedObject insert(CallContext call, StoreTx tx, Sealed sealed, String detail) {
        return current(tx.objects().find(stored(call, tx, sealed, detail)).orElseThrow());
    }

    private SecretId stored(CallContext call, StoreTx tx, Sealed sealed, String detail) {
        quotas.check(tx, call.principal().project(), Quotas.Resource.SECRETS);
        SecretId id = sealed.secret().id();
        claimNames(tx, call.principal().project(), id, List.of(), sealed.attributes().names());
        tx.objects().insert(sealed.secret(), sealed.payload(), sealed.lifecycle(), sealed.attributes());
        tx.audit().append(AuditEvent.of(call, sealed.now(), Action.SECRET_CREATE, id.toString(), Outcome.SUCCESS,
                detail));
        return id;
    }

    /**
     * A managed object's names are unique in its project (KMIP: "Names SHALL be unique within a given key management
     * domain"): an object may not bear a name twice, nor take one another object bears, unless that object has been
     * destroyed (its key is gone; the tape library profile creates a key under the name of a destroyed one). Only names
     * it did not bear before are checked, so that names duplicated before this rule existed do not block unrelated
     * changes.
     */
    private static void claimNames(StoreTx tx, ProjectId project, SecretId id, List<String> before,
                                   List<String> after) {
        if (new HashSet<>(after).size() < after.size()) {
            throw new DomainException.Conflict(Clash.NAME_TAKEN);
        }
        List<String> added = after.stream().filter(name -> !before.contains(name)).toList();
        if (!added.isEmpty() && !tx.objects().namesTaken(project, added, id).isEmpty()) {
            throw new DomainException.Conflict(Clash.NAME_TAKEN);
        }
    }

    private static NewObject linked(NewObject spec, LinkKind kind, SecretId target) {
        return new NewObject(spec.type(), spec.algorithm(), spec.bitLength(),
                spec.attributes().withLink(new ObjectLink(kind, target.toString())), spec.activationDate(),
                spec.deactivationDate(), spec.derived());
    }

    private interface Transition {
        Lifecycle apply(Lifecycle lifecycle, Instant now);
    }

    /** Admits a lifecycle change of {@code object}, inside the change's transaction, or throws to refuse it. */
    private interface ChangeAdmission {
        void admit(StoreTx tx, ManagedObject object, Instant now);
    }

    private ManagedObject changeLifecycle(CallContext call, SecretId id, Action action, Transition transition) {
        return changeLifecycle(call, id, action, transition, (tx, now) -> {
        }, (tx, object, now) -> Ownership.requireOwned(object));
    }

    /**
     * @param alongside what else the change does, in its transaction
     * @param admission whether the object may change here: only an owned object, but for a compromise at an edge
     */
    private ManagedObject changeLifecycle(CallContext call, SecretId id, Action action, Transition transition,
                                          java.util.function.BiConsumer<StoreTx, Instant> alongside,
                                          ChangeAdmission admission) {
        return changeLifecycle(call, id, action, transition, alongside, admission,
                tx -> current(tx.objects().find(id).orElseThrow()));
    }

    /**
     * @param answer what the change returns, read in its transaction: the changed object, or only what the caller
     *               needs (a KMIP Destroy answers with the identifier; reading the object back was a third of the
     *               writer's work per Destroy)
     */
    private <T> T changeLifecycle(CallContext call, SecretId id, Action action, Transition transition,
                                  java.util.function.BiConsumer<StoreTx, Instant> alongside,
                                  ChangeAdmission admission, Function<StoreTx, T> answer) {
        authorize(call, action, id);
        Instant now = now();
        List<SealedPayload> destroyed = new java.util.ArrayList<>(1);
        List<PayloadBinding> binding = new java.util.ArrayList<>(1);
        T changed = store.write(tx -> {
            destroyed.clear();
            binding.clear();
            ManagedObject object = visible(call, tx, id);
            binding.add(object.secret().binding());
            admission.admit(tx, object, now);
            Lifecycle next = transition.apply(object.lifecycle(), now);
            tx.objects().updateLifecycle(id, next, now);
            alongside.accept(tx, now);
            if (next.state().isDestroyed() && !object.state().isDestroyed()) {
                tx.secrets().payload(id).filter(protector::heldOutside).ifPresent(payload -> {
                    // Queued with the destruction itself: if the device cannot free its object now (or this node
                    // dies before asking), the release job asks again until it has.
                    tx.deviceReleases().add(object.secret().binding(), payload, now);
                    destroyed.add(payload);
                });
                tx.objects().deletePayload(id);
            }
            tx.audit().append(AuditEvent.of(call, now, action, id.toString(), Outcome.SUCCESS,
                    next.state().storedName()));
            return answer.apply(tx);
        });
        for (SealedPayload payload : destroyed) {
            // The object is destroyed here whatever the device answers (KMIP Destroy may follow a compromise and must
            // not wait for it): a release the device refuses stays queued for the release job.
            try {
                protector.release(binding.getFirst(), payload);
                store.write(tx -> {
                    tx.deviceReleases().remove(id);
                    return null;
                });
            } catch (RuntimeException e) {
                String reason = e.getMessage();
                try {
                    store.write(tx -> {
                        tx.deviceReleases().failed(id, reason);
                        return null;
                    });
                } catch (RuntimeException ignored) {
                    // The release stays queued (without this attempt counted): nothing is lost.
                }
            }
        }
        return changed;
    }

    /** An edge copy spends a use, or is refused ({@link EdgeAllowance}); any other object costs nothing here. */
    private void spendEdgeAllowance(ManagedObject object) {
        if (EdgeAllowance.limits(object.attributes())) {
            store.write(tx -> {
                EdgeAllowance.spend(tx, object.id(), object.attributes(), now());
                return null;
            });
        }
    }

    /** @param leaseExpiry the caller's lease on the object, when read for a use the lease binds */
    private record Stored(ManagedObject object, Optional<SealedPayload> sealed, Optional<Instant> leaseExpiry) {
    }

    private Revealed open(Stored stored) {
        ManagedObject object = stored.object();
        SealedPayload sealed = stored.sealed()
                .orElseThrow(() -> new DomainException.NotFound(Missing.SECRET_PAYLOAD));
        byte[] clear = protector.open(object.secret().binding(), sealed);
        try {
            return new Revealed(object, new Plaintext(clear, object.secret().contentType()));
        } finally {
            Arrays.fill(clear, (byte) 0);
        }
    }

    /** The object if the caller's project owns it and it has not expired; otherwise it does not exist for them. */
    private ManagedObject visible(CallContext call, StoreTx tx, SecretId id) {
        return tx.objects().find(id).map(this::current)
                .filter(o -> o.secret().project().equals(call.principal().project()))
                .filter(o -> !o.secret().isExpiredAt(now()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.SECRET));
    }

    /**
     * The role check, and for an existing object the same object rules as over REST (a private secret is its
     * creator's and the project admins'; an ACL opens reading from any project): one policy for both protocols.
     * Decided before any write begins, so that a denial can be audited in a write of its own.
     */
    private void authorize(CallContext call, Action action, SecretId id) {
        if (id == null) {
            guard.authorize(call, action, null);
            return;
        }
        AccessPolicy.Target target = store.read(tx -> tx.secrets().find(id)
                .filter(secret -> !secret.isExpiredAt(now()))
                .map(secret -> target(tx, secret))
                .orElse(null));
        guard.authorize(call, action, id, target, () -> new DomainException.NotFound(Missing.SECRET));
    }

    /**
     * For reads: the object (and its payload, when asked for) in one read transaction, then the same policy
     * decision as {@link #authorize}. A key read is the hot path; it should not read the object twice.
     */
    private Stored checked(CallContext call, Action action, SecretId id, boolean withPayload) {
        return checked(call, action, id, withPayload, false);
    }

    /**
     * @param leaseBound whether to read the caller's lease on the object too (for a Get or a use, which a lease
     *                   binds), in the same read transaction: a second transaction for it cost a KMIP Get a fifth of
     *                   its Java CPU
     */
    private Stored checked(CallContext call, Action action, SecretId id, boolean withPayload, boolean leaseBound) {
        record Found(Stored stored, AccessPolicy.Target target) {
        }
        Found found = store.read(tx -> tx.objects().find(id).map(this::current)
                .filter(object -> !object.secret().isExpiredAt(now()))
                .map(object -> new Found(new Stored(object, withPayload && !object.state().isDestroyed()
                        ? tx.secrets().payload(id) : Optional.empty(),
                        leaseBound ? tx.objectLeases().expiry(id, leaseHolder(call)) : Optional.empty()),
                        target(tx, object.secret())))
                .orElse(null));
        guard.authorize(call, action, id, found == null ? null : found.target(),
                () -> new DomainException.NotFound(Missing.SECRET));
        ManagedObject object = found.stored().object();
        // An ACL may open an object to another project's user, but a KMIP identity acts in one project only.
        if (!object.secret().project().equals(call.principal().project())) {
            throw new DomainException.NotFound(Missing.SECRET);
        }
        if (withPayload && object.state().isDestroyed()) {
            throw new DomainException.Conflict(Clash.OBJECT_DESTROYED);
        }
        return found.stored();
    }

    private static AccessPolicy.Target target(StoreTx tx, Secret secret) {
        return new AccessPolicy.Target(secret.project(), secret.creatorId(),
                tx.acls().ofSecret(secret.id()).orElse(Acl.DEFAULT));
    }

    /** The object with its lifecycle as of now: the store keeps the state last written, not the dates' effect. */
    private ManagedObject current(ManagedObject object) {
        Lifecycle now = object.lifecycle().at(now());
        return now == object.lifecycle() ? object : new ManagedObject(object.secret(), now, object.attributes());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The two halves of a generated key pair. */
    public record KeyPairObjects(ManagedObject privateKey, ManagedObject publicKey) {
    }

    /** An object with its key material in the clear. */
    public record Revealed(ManagedObject object, Plaintext material) implements AutoCloseable {
        @Override
        public void close() {
            material.close();
        }
    }
}
