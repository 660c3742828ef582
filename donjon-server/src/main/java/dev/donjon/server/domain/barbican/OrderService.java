package dev.donjon.server.domain.barbican;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.Page;
import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.keys.PayloadProtector;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.object.KeyGenerator;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;
import dev.donjon.server.domain.DomainException.Missing;
import dev.donjon.server.domain.object.KeyGenerator.AsymmetricAlgorithm;
import dev.donjon.server.domain.object.KeyGenerator.KeyPairMaterial;
import dev.donjon.server.domain.object.KeyGenerator.SymmetricAlgorithm;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Orders for generated keys. Generation runs before the transaction (an RSA key can take a while when the pool is
 * cold); the secrets, the container and the order then commit together, so a failed order leaves nothing behind.
 */
public final class OrderService {
    private static final String NO_PLUGIN = "Process TypeOrder issue seen - Secret generate supported plugin not found..";
    private static final String UNSUPPORTED = "Process TypeOrder issue seen - Requested algorithm is not supported.";
    private static final Set<Integer> RSA_SIZES = Set.of(2048, 3072, 4096);
    /** simple_crypto's SYMMETRIC_KEY_LENGTHS (64, 128, 192, 256) that are AES and HMAC key lengths. */
    private static final Set<Integer> SYMMETRIC_BITS = Set.of(128, 192, 256);

    private final Store store;
    private final Guard guard;
    private final Quotas quotas;
    private final PayloadProtector protector;
    private final KeyGenerator generator;

    public OrderService(Store store, AccessPolicy policy, Clock clock, Quotas quotas, PayloadProtector protector,
                        KeyGenerator generator) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
        this.quotas = quotas;
        this.protector = protector;
        this.generator = generator;
    }

    /** What to generate. Algorithm names are Barbican's, lower-case; {@code null} lengths use the default. */
    public sealed interface Spec {
        String name();

        String algorithm();

        Instant expiration();

        record Key(String name, String algorithm, Integer bitLength, String mode, Instant expiration) implements Spec {
        }

        /** @param passphrase protects the private key (and is stored as a passphrase secret), or {@code null} */
        record Asymmetric(String name, String algorithm, Integer bitLength, char[] passphrase, Instant expiration)
                implements Spec {
            @Override
            public String toString() {
                return "Asymmetric[" + name + ", " + algorithm + ", " + bitLength + "]";
            }
        }
    }

    public Order create(CallContext call, Spec spec, String requestedMeta) {
        guard.authorize(call, Action.ORDER_CREATE, null);
        Principal who = call.principal();
        store.read(tx -> {
            quotas.precheck(tx, who.project(), Quotas.Resource.ORDERS);
            return null;
        });
        Order.Type type = switch (spec) {
            case Spec.Key key -> Order.Type.KEY;
            case Spec.Asymmetric asymmetric -> Order.Type.ASYMMETRIC;
        };
        Generated generated;
        try {
            generated = generate(spec);
        } catch (Refused refused) {
            return recordFailure(call, type, requestedMeta, new Order.Failure("400", refused.reason));
        }
        Instant now = guard.now();
        record Sealed(String refName, Secret secret, SealedPayload payload) {
        }
        List<Sealed> sealed = new ArrayList<>();
        // Sealing may create the project's KEK in a write of its own, so it happens before the order's transaction.
        // A store that keeps payloads on a device and fails part-way (unreachable) gets the parts it took back: the
        // order then fails whole, with nothing stored on either side.
        String secretStore = protector.secretStore(who.project());
        try (generated) {
            for (Part part : generated.parts()) {
                Secret secret = new Secret(SecretId.random(), who.project(), spec.name(), part.type(),
                        spec.algorithm(), part.bitLength(), part.mode(), who.userId(), now, now, spec.expiration(),
                        part.payload().contentType(), secretStore);
                sealed.add(new Sealed(part.refName(), secret,
                        protector.seal(secret.binding(), secretStore, part.payload().bytes())));
            }
        } catch (RuntimeException e) {
            sealed.forEach(part -> protector.releaseUnwritten(part.secret().binding(), part.payload(), e));
            throw e;
        }
        try {
            return store.write(tx -> {
                quotas.check(tx, who.project(), Quotas.Resource.ORDERS);
                List<ContainerSecretRef> refs = new ArrayList<>();
                for (Sealed part : sealed) {
                    tx.secrets().insert(part.secret(), part.payload());
                    Guard.audit(tx, call, now, Action.SECRET_CREATE, part.secret().id());
                    refs.add(new ContainerSecretRef(part.refName(), part.secret().id()));
                }
                SecretId secretId = null;
                ContainerId containerId = null;
                if (type == Order.Type.KEY) {
                    secretId = refs.getFirst().secretId();
                } else {
                    Container container = new Container(ContainerId.random(), who.project(), spec.name(),
                            ContainerType.RSA, who.userId(), now, now, refs);
                    tx.containers().insert(container);
                    Guard.audit(tx, call, now, Action.CONTAINER_CREATE, container.id());
                    containerId = container.id();
                }
                Order order = new Order(OrderId.random(), who.project(), type, Order.Status.ACTIVE, requestedMeta,
                        secretId, containerId, null, who.userId(), now, now);
                tx.orders().insert(order);
                Guard.audit(tx, call, now, Action.ORDER_CREATE, order.id());
                return order;
            });
        } catch (RuntimeException e) {
            sealed.forEach(part -> protector.releaseUnwritten(part.secret().binding(), part.payload(), e));
            throw e;
        }
    }

    public Order get(CallContext call, OrderId id) {
        guard.authorize(call, Action.ORDER_READ, id);
        Order order = store.read(tx -> visible(call, tx, id));
        guard.recordRead(call, Action.ORDER_READ, id);
        return order;
    }

    public Page<Order> list(CallContext call, int offset, int limit) {
        guard.authorize(call, Action.ORDER_LIST, null);
        return store.read(tx -> tx.orders().list(call.principal().project(), offset, limit));
    }

    /** Deletes the order only; what it generated stays, as in Barbican. */
    public void delete(CallContext call, OrderId id) {
        guard.authorize(call, Action.ORDER_DELETE, id);
        Instant now = guard.now();
        store.write(tx -> {
            visible(call, tx, id);
            tx.orders().delete(id);
            Guard.audit(tx, call, now, Action.ORDER_DELETE, id);
            return null;
        });
    }

    private Order recordFailure(CallContext call, Order.Type type, String requestedMeta, Order.Failure failure) {
        Instant now = guard.now();
        Principal who = call.principal();
        Order order = new Order(OrderId.random(), who.project(), type, Order.Status.ERROR, requestedMeta, null, null,
                failure, who.userId(), now, now);
        return store.write(tx -> {
            quotas.check(tx, who.project(), Quotas.Resource.ORDERS);
            tx.orders().insert(order);
            tx.audit().append(AuditEvent.of(call, now, Action.ORDER_CREATE, order.id().toString(),
                    AuditEvent.Outcome.FAILED, "generation refused"));
            return order;
        });
    }

    private static Order visible(CallContext call, StoreTx tx, OrderId id) {
        return tx.orders().find(id)
                .filter(o -> o.project().equals(call.principal().project()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.ORDER));
    }

    /** One secret an order produces; its payload is wiped when the order is done with it. */
    private record Part(String refName, SecretType type, Integer bitLength, String mode, Plaintext payload) {
    }

    private record Generated(List<Part> parts) implements AutoCloseable {
        @Override
        public void close() {
            parts.forEach(part -> part.payload().close());
        }
    }

    /** Generation refused the order: it ends in ERROR rather than failing the request, as in Barbican. */
    private static final class Refused extends Exception {
        private final String reason;

        Refused(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    private Generated generate(Spec spec) throws Refused {
        return switch (spec) {
            case Spec.Key key -> {
                int bits = key.bitLength() == null ? 256 : key.bitLength();
                yield new Generated(List.of(new Part(null, SecretType.SYMMETRIC, bits, key.mode(),
                        symmetricKey(key.algorithm(), bits, key.mode()))));
            }
            case Spec.Asymmetric asymmetric -> {
                AsymmetricAlgorithm algorithm = asymmetricAlgorithm(asymmetric.algorithm());
                int bits = asymmetric.bitLength() == null ? defaultBits(algorithm) : asymmetric.bitLength();
                // Larger RSA keys take seconds to minutes of a core each: an order must not be a way to burn CPU.
                if (algorithm == AsymmetricAlgorithm.RSA && !RSA_SIZES.contains(bits)) {
                    throw new Refused(UNSUPPORTED);
                }
                KeyPairMaterial pair;
                try {
                    pair = generator.keyPair(algorithm, bits, asymmetric.passphrase());
                } catch (DomainException.InvalidInput invalid) {
                    throw new Refused(UNSUPPORTED);
                }
                List<Part> parts = new ArrayList<>(List.of(
                        new Part("public_key", SecretType.PUBLIC, bits, null, pair.publicKey()),
                        new Part("private_key", SecretType.PRIVATE, bits, null, pair.privateKey())));
                if (asymmetric.passphrase() != null) {
                    byte[] text = new String(asymmetric.passphrase()).getBytes(StandardCharsets.UTF_8);
                    try {
                        parts.add(new Part("private_key_passphrase", SecretType.PASSPHRASE, null, null,
                                new Plaintext(text, PayloadContentType.TEXT_PLAIN)));
                    } finally {
                        Arrays.fill(text, (byte) 0);
                    }
                }
                yield new Generated(parts);
            }
        };
    }

    /**
     * A key order's key, for the algorithms and lengths Barbican's generating plugin takes (64, 128, 192 or 256 bits
     * of {@code aes}, {@code des}, {@code 3des} or {@code hmacsha*}, twice that with {@code mode: xts}) where they
     * make a valid key of the algorithm named: AES at 128, 192 and 256 bits, and for XTS (a pair of AES keys, as
     * disk encryption uses) at 256, 384 and 512; Triple DES at 128 and 192 (two and three DES keys with their parity
     * bits); HMAC at 128, 192 and 256. Anything else ends the order in ERROR as Barbican does when no plugin
     * supports the request (docs/barbican-compatibility.md lists the combinations Barbican would generate and
     * Donjon does not: single DES, 64-bit keys, XTS of other algorithms).
     */
    private Plaintext symmetricKey(String name, int bits, String mode) throws Refused {
        boolean xts = mode != null && mode.equalsIgnoreCase("xts");
        SymmetricAlgorithm algorithm = switch (name.toLowerCase(Locale.ROOT)) {
            case "aes" -> SymmetricAlgorithm.AES;
            case "3des" -> SymmetricAlgorithm.DES3;
            case "hmacsha1" -> SymmetricAlgorithm.HMAC_SHA1;
            case "hmacsha256" -> SymmetricAlgorithm.HMAC_SHA256;
            case "hmacsha384" -> SymmetricAlgorithm.HMAC_SHA384;
            case "hmacsha512" -> SymmetricAlgorithm.HMAC_SHA512;
            default -> throw new Refused(NO_PLUGIN);
        };
        int perKey = xts ? bits / 2 : bits;
        boolean supported = switch (algorithm) {
            case AES -> SYMMETRIC_BITS.contains(perKey) && (!xts || bits % 2 == 0);
            case DES3 -> !xts && (bits == 128 || bits == 192);
            case HMAC_SHA1, HMAC_SHA256, HMAC_SHA384, HMAC_SHA512 -> !xts && SYMMETRIC_BITS.contains(bits);
            // Barbican orders never name them (the mapping above has no case for them).
            case IDEA, CAMELLIA -> false;
        };
        if (!supported) {
            throw new Refused(NO_PLUGIN);
        }
        // Triple DES keys are counted with their parity bits here (Barbican's 128, 192) and without by the
        // generator (112, 168).
        int generatorBits = algorithm == SymmetricAlgorithm.DES3 ? bits / 8 * 7 : perKey;
        if (!xts) {
            return generator.symmetric(algorithm, generatorBits);
        }
        try (Plaintext first = generator.symmetric(algorithm, perKey);
             Plaintext second = generator.symmetric(algorithm, perKey)) {
            byte[] pair = new byte[first.length() + second.length()];
            System.arraycopy(first.bytes(), 0, pair, 0, first.length());
            System.arraycopy(second.bytes(), 0, pair, first.length(), second.length());
            try {
                return new Plaintext(pair, first.contentType());
            } finally {
                Arrays.fill(pair, (byte) 0);
            }
        }
    }

    private static AsymmetricAlgorithm asymmetricAlgorithm(String name) throws Refused {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "rsa" -> AsymmetricAlgorithm.RSA;
            case "ec" -> AsymmetricAlgorithm.EC;
            case "ed25519" -> AsymmetricAlgorithm.ED25519;
            default -> throw new Refused(UNSUPPORTED);
        };
    }

    private static int defaultBits(AsymmetricAlgorithm algorithm) {
        return switch (algorithm) {
            // Orders name no DSA (Barbican's contract refuses it); KMIP Create Key Pair does.
            case RSA, DSA -> 2048;
            case EC -> 256;
            case ED25519 -> 256;
        };
    }
}
