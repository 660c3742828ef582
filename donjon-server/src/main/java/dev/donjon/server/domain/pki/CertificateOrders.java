package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.access.AccessPolicy;
import dev.donjon.server.domain.access.Action;
import dev.donjon.server.domain.audit.AuditEvent;
import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.barbican.Container;
import dev.donjon.server.domain.barbican.ContainerId;
import dev.donjon.server.domain.barbican.ContainerSecretRef;
import dev.donjon.server.domain.barbican.ContainerType;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.DomainException.Missing;
import dev.donjon.server.domain.access.Guard;
import dev.donjon.server.domain.barbican.Order;
import dev.donjon.server.domain.barbican.OrderId;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.PayloadProtector;
import dev.donjon.server.domain.access.Principal;
import dev.donjon.server.domain.barbican.Quotas;
import dev.donjon.server.domain.keys.SealedPayload;
import dev.donjon.server.domain.barbican.Secret;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.port.Store;
import dev.donjon.server.domain.port.StoreTx;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Barbican's certificate orders, signed by a Donjon CA: {@code simple-cmc} (a PKCS#10 request) and
 * {@code stored-key} (a certificate for the key pair of an RSA container). An order completes with a
 * {@code certificate} container holding the certificate (PEM), the CA chain (certs-only PKCS#7, as Barbican's
 * snakeoil CA stores it) and, for a stored key, references to the private key and its passphrase. When the CA requires
 * approval the order stays {@code PENDING} until a project admin approves or rejects it.
 */
public final class CertificateOrders {
    /** Barbican's {@code MissingMetadataField}, {@code StoredKeyPrivateKeyNotFound} and validator wording. */
    private static final String CONTAINER_NOT_FOUND = "Invalid container: Container Not Found";
    private static final String CONTAINER_WRONG_TYPE = "Invalid container: Container Wrong Type";

    private final Store store;
    private final Guard guard;
    private final Quotas quotas;
    private final PayloadProtector protector;
    private final CaService cas;
    private final X509Engine x509;

    public CertificateOrders(Store store, AccessPolicy policy, Clock clock, Quotas quotas, PayloadProtector protector,
                             CaService cas, X509Engine x509) {
        this.store = store;
        this.guard = new Guard(store, policy, clock);
        this.quotas = quotas;
        this.protector = protector;
        this.cas = cas;
        this.x509 = x509;
    }

    /** What the certificate is for. */
    public sealed interface Request {
        /** @param request a PKCS#10 request, PEM or DER */
        record SimpleCmc(byte[] request) implements Request {
        }

        /** @param subjectDn the subject, RFC 4514 (validated by the edge) */
        record StoredKey(ContainerId container, String subjectDn) implements Request {
        }
    }

    /** @param ca the CA the order names, or {@code null} for the project's preferred CA */
    public Order create(CallContext call, Request request, CaId ca, String requestedMeta) {
        guard.authorize(call, Action.ORDER_CREATE, null);
        Principal who = call.principal();
        store.read(tx -> {
            quotas.precheck(tx, who.project(), Quotas.Resource.ORDERS);
            return null;
        });
        CertificateAuthority signer = cas.choose(call, ca);
        Resolved resolved = resolve(call, request);
        Instant now = guard.now();
        OrderId id = OrderId.random();
        if (signer.approvalRequired()) {
            Order order = new Order(id, who.project(), Order.Type.CERTIFICATE, Order.Status.PENDING, requestedMeta,
                    null, null, null, who.userId(), now, now);
            return store.write(tx -> {
                quotas.check(tx, who.project(), Quotas.Resource.ORDERS);
                tx.orders().insert(order);
                tx.cas().insertPending(new PendingRequest(id, signer.id(), resolved.subject(), resolved.privateKey(),
                        resolved.passphrase()));
                Guard.audit(tx, call, now, Action.ORDER_CREATE, id);
                return order;
            });
        }
        Order pending = new Order(id, who.project(), Order.Type.CERTIFICATE, Order.Status.PENDING, requestedMeta,
                null, null, null, who.userId(), now, now);
        Issuance issuance = issue(call, signer, resolved.subject(), resolved.keyReferences(), now);
        return store.write(tx -> {
            quotas.check(tx, who.project(), Quotas.Resource.ORDERS);
            ContainerId container = issuance.store(tx, call, now);
            Order order = pending.completed(Order.Status.ACTIVE, null, container, null, now);
            tx.orders().insert(order);
            Guard.audit(tx, call, now, Action.ORDER_CREATE, id);
            return order;
        });
    }

    /** Signs a pending order's certificate; the order becomes {@code ACTIVE} with its container. */
    public Order approve(CallContext call, OrderId id) {
        guard.authorize(call, Action.ORDER_APPROVE, id);
        Order order = pendingOrder(call, id);
        PendingRequest request = store.read(tx -> tx.cas().pending(id))
                .orElseThrow(() -> new DomainException.NotFound(Missing.ORDER));
        CertificateAuthority signer = store.read(tx -> tx.cas().find(request.ca()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.CERTIFICATE_AUTHORITY));
        Instant now = guard.now();
        Issuance issuance = issue(call, signer, request.subject(), request.keyReferences(), now);
        return store.write(tx -> {
            ContainerId container = issuance.store(tx, call, now);
            Order done = order.completed(Order.Status.ACTIVE, null, container, null, now);
            if (!tx.orders().update(done, Order.Status.PENDING)) {
                throw notPending(order.status());
            }
            tx.cas().deletePending(id);
            Guard.audit(tx, call, now, Action.ORDER_APPROVE, id);
            return done;
        });
    }

    /** Ends a pending order in {@code ERROR} with the admin's reason. */
    public Order reject(CallContext call, OrderId id, String reason) {
        guard.authorize(call, Action.ORDER_APPROVE, id);
        Order order = pendingOrder(call, id);
        Instant now = guard.now();
        Order rejected = order.completed(Order.Status.ERROR, null, null, new Order.Failure("400",
                "Certificate request rejected" + (reason == null || reason.isBlank() ? "." : ": " + reason)), now);
        return store.write(tx -> {
            if (!tx.orders().update(rejected, Order.Status.PENDING)) {
                throw notPending(order.status());
            }
            tx.cas().deletePending(id);
            tx.audit().append(AuditEvent.of(call, now, Action.ORDER_APPROVE, id.toString(),
                    AuditEvent.Outcome.SUCCESS, "rejected"));
            return rejected;
        });
    }

    private Order pendingOrder(CallContext call, OrderId id) {
        Order order = store.read(tx -> tx.orders().find(id))
                .filter(o -> o.project().equals(call.principal().project()))
                .orElseThrow(() -> new DomainException.NotFound(Missing.ORDER));
        if (order.type() != Order.Type.CERTIFICATE || order.status() != Order.Status.PENDING) {
            throw notPending(order.status());
        }
        return order;
    }

    private static DomainException notPending(Order.Status status) {
        return new DomainException.InvalidInput("Only PENDING certificate orders can be approved or rejected. Order "
                + "is in the " + status + " state.");
    }

    /** The subject and key of a request, checked, and the stored key secrets the certificate container refers to. */
    private record Resolved(X509Engine.Subject subject, SecretId privateKey, SecretId passphrase) {
        List<SecretId> keyReferences() {
            return new PendingRequest(null, null, subject, privateKey, passphrase).keyReferences();
        }
    }

    private Resolved resolve(CallContext call, Request request) {
        return switch (request) {
            case Request.SimpleCmc cmc -> {
                try {
                    yield new Resolved(x509.parseRequest(cmc.request()), null, null);
                } catch (X509Engine.Unacceptable unacceptable) {
                    throw new DomainException.InvalidInput("Invalid PKCS10 Data: " + unacceptable.getMessage());
                }
            }
            case Request.StoredKey stored -> storedKey(call, stored);
        };
    }

    /** The public key of the container's private key, which the server holds: no proof of possession is needed. */
    private Resolved storedKey(CallContext call, Request.StoredKey stored) {
        String dn = cas.distinguishedName(stored.subjectDn());
        record Keys(Secret privateKey, SealedPayload sealedKey, Secret passphrase, SealedPayload sealedPassphrase) {
        }
        Keys keys = store.read(tx -> {
            Container container = tx.containers().find(stored.container())
                    .filter(c -> c.project().equals(call.principal().project()))
                    .orElseThrow(() -> new DomainException.InvalidInput(CONTAINER_NOT_FOUND));
            if (container.type() != ContainerType.RSA) {
                throw new DomainException.InvalidInput(CONTAINER_WRONG_TYPE);
            }
            Secret privateKey = null;
            Secret passphrase = null;
            for (ContainerSecretRef ref : container.secretRefs()) {
                if (ref.name().equals("private_key")) {
                    privateKey = liveSecret(tx, call, ref.secretId());
                } else if (ref.name().equals("private_key_passphrase")) {
                    passphrase = liveSecret(tx, call, ref.secretId());
                }
            }
            if (privateKey == null || !privateKey.hasPayload()) {
                throw new DomainException.InvalidInput("Container " + container.id() + " does not reference a private "
                        + "key needed for stored key certificate generation.");
            }
            return new Keys(privateKey, tx.secrets().payload(privateKey.id()).orElseThrow(), passphrase,
                    passphrase == null || !passphrase.hasPayload() ? null
                            : tx.secrets().payload(passphrase.id()).orElseThrow());
        });
        byte[] key = protector.open(keys.privateKey().binding(), keys.sealedKey());
        char[] passphrase = keys.sealedPassphrase() == null ? null
                : text(protector.open(keys.passphrase().binding(), keys.sealedPassphrase()));
        try {
            byte[] publicKey = x509.publicKeyOf(key, passphrase);
            return new Resolved(new X509Engine.Subject(dn, publicKey, List.of(), List.of(), List.of()),
                    keys.privateKey().id(), keys.passphrase() == null ? null : keys.passphrase().id());
        } catch (X509Engine.Unacceptable unacceptable) {
            throw new DomainException.InvalidInput("Invalid container: " + unacceptable.getMessage());
        } finally {
            Arrays.fill(key, (byte) 0);
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    private Secret liveSecret(StoreTx tx, CallContext call, SecretId id) {
        Instant now = guard.now();
        return tx.secrets().find(id)
                .filter(s -> s.project().equals(call.principal().project()))
                .filter(s -> !s.isExpiredAt(now))
                .orElseThrow(() -> new DomainException.InvalidInput(CONTAINER_NOT_FOUND));
    }

    private static char[] text(byte[] utf8) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    /** A signed certificate, sealed and ready to be stored with its container in the order's transaction. */
    private record Issuance(CaId ca, X509Engine.Issued issued, Secret certificate, SealedPayload sealedCertificate,
                           Secret intermediates, SealedPayload sealedIntermediates, List<SecretId> keyReferences) {
        ContainerId store(StoreTx tx, CallContext call, Instant now) {
            tx.secrets().insert(certificate, sealedCertificate);
            Guard.audit(tx, call, now, Action.SECRET_CREATE, certificate.id());
            tx.secrets().insert(intermediates, sealedIntermediates);
            Guard.audit(tx, call, now, Action.SECRET_CREATE, intermediates.id());
            List<ContainerSecretRef> refs = new ArrayList<>(List.of(
                    new ContainerSecretRef("certificate", certificate.id()),
                    new ContainerSecretRef("intermediates", intermediates.id())));
            if (!keyReferences.isEmpty()) {
                refs.add(new ContainerSecretRef("private_key", keyReferences.get(0)));
            }
            if (keyReferences.size() > 1) {
                refs.add(new ContainerSecretRef("private_key_passphrase", keyReferences.get(1)));
            }
            Container container = new Container(ContainerId.random(), certificate.project(), null,
                    ContainerType.CERTIFICATE, call.principal().userId(), now, now, refs);
            tx.containers().insert(container);
            Guard.audit(tx, call, now, Action.CONTAINER_CREATE, container.id());
            tx.cas().recordIssued(new IssuedCertificate(ca, issued.serial(), certificate.id(), certificate.project(),
                    issued.notAfter(), now, null));
            return container.id();
        }
    }

    /** Signs, then seals outside any transaction (sealing may create the project's KEK in a write of its own). */
    private Issuance issue(CallContext call, CertificateAuthority ca, X509Engine.Subject subject,
                           List<SecretId> keyReferences, Instant now) {
        X509Engine.Issued issued = cas.sign(ca, subject);
        Principal who = call.principal();
        String secretStore = protector.secretStore(who.project());
        Secret certificate = new Secret(SecretId.random(), who.project(), null, SecretType.CERTIFICATE, null, null,
                null, who.userId(), now, now, null, PayloadContentType.OCTET_STREAM, secretStore);
        Secret intermediates = new Secret(SecretId.random(), who.project(), null, SecretType.OPAQUE, null, null, null,
                who.userId(), now, now, null, PayloadContentType.OCTET_STREAM, secretStore);
        SealedPayload sealedCertificate = protector.seal(certificate.binding(), secretStore,
                cas.pem(issued.certificate()).getBytes(StandardCharsets.US_ASCII));
        SealedPayload sealedIntermediates;
        try {
            sealedIntermediates = protector.seal(intermediates.binding(), secretStore,
                    cas.intermediates(ca).getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            protector.releaseUnwritten(certificate.binding(), sealedCertificate, e);
            throw e;
        }
        return new Issuance(ca.id(), issued, certificate, sealedCertificate, intermediates, sealedIntermediates,
                keyReferences);
    }
}
