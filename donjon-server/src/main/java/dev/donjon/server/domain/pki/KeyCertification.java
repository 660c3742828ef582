package dev.donjon.server.domain.pki;

import dev.donjon.server.domain.CallContext;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.DomainException.Missing;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.NewObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.ObjectLink;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Certificates for keys as KMIP asks for them (Certify, Re-certify): signed by the project's CA, stored as Certificate
 * objects (DER), linked to the public key they certify (the certificate's Public Key Link, the public key's
 * Certificate Link), and recorded for the CA's CRL, all in one transaction.
 */
public final class KeyCertification {
    private final KeyService keys;
    private final CaService cas;
    private final X509Engine x509;
    private final Clock clock;

    public KeyCertification(KeyService keys, CaService cas, X509Engine x509, Clock clock) {
        this.keys = keys;
        this.cas = cas;
        this.x509 = x509;
        this.clock = clock;
    }

    /** The same certification working through {@code joined} (a service inside {@link KeyService#atomically}). */
    public KeyCertification on(KeyService joined) {
        return new KeyCertification(joined, cas, x509, clock);
    }

    /**
     * Certifies a public key Donjon holds, a PKCS#10 request, or both (then the request must be for that key).
     *
     * @param subject     the object to certify: a public key, or a private key whose Public Key Link names one;
     *                    {@code null} with a request alone
     * @param request     a PKCS#10 request (DER or PEM), or {@code null}
     * @param describe    the new Certificate object's description from its DER (the protocol's attributes)
     */
    public ManagedObject certify(CallContext call, SecretId subject, byte[] request,
                                 Function<byte[], NewObject> describe) {
        if (subject == null && request == null) {
            throw new DomainException.InvalidInput("Certify needs a public key or a certificate request");
        }
        Optional<ManagedObject> publicKey = Optional.ofNullable(subject).map(id -> publicKeyOf(call, id));
        X509Engine.Subject certified;
        if (request != null) {
            certified = parse(request);
            publicKey.ifPresent(key -> requireSameKey(certified, publicKeyInfo(call, key)));
        } else {
            ManagedObject key = publicKey.orElseThrow();
            certified = new X509Engine.Subject("CN=" + escape(key.attributes().names().stream().findFirst()
                    .orElse(key.id().toString())), publicKeyInfo(call, key), List.of(), List.of(), List.of());
        }
        CertificateAuthority ca = cas.choose(call, null);
        X509Engine.Issued issued = cas.sign(ca, certified);
        NewObject described = describe.apply(issued.certificate());
        return keys.atomically(call, joined -> {
            NewObject spec = publicKey.map(key -> linked(described, described.attributes()
                    .withLink(new ObjectLink(LinkKind.PUBLIC_KEY, key.id().toString())))).orElse(described);
            ManagedObject certificate = store(call, joined, spec, issued);
            publicKey.ifPresent(key -> joined.changeAttributes(call, key.id(), attributes -> attributes
                    .withLink(new ObjectLink(LinkKind.CERTIFICATE, certificate.id().toString()))));
            record(call, joined, ca, issued, certificate);
            return certificate;
        });
    }

    /**
     * Renews a certificate for the same key (KMIP 1.4 §4.8): the new certificate takes over the existing one's names
     * and links to it as Replaced Object; the existing one links to it as Replacement Object; the public key's
     * Certificate Link moves to it.
     *
     * @param request a PKCS#10 request for the same key, or {@code null} to renew the existing subject and names
     */
    public ManagedObject recertify(CallContext call, SecretId existingId, byte[] request,
                                   Function<byte[], NewObject> describe) {
        ManagedObject existing = keys.get(call, existingId);
        if (existing.secret().type() != SecretType.CERTIFICATE) {
            throw new DomainException.InvalidInput("Re-certify renews a Certificate object");
        }
        X509Engine.Subject current;
        try (KeyService.Revealed revealed = keys.reveal(call, existingId, KeyProtection.Exposure.CLEAR)) {
            current = x509.subjectOf(revealed.material().bytes());
        } catch (X509Engine.Unacceptable unacceptable) {
            throw new DomainException.InvalidInput("the existing certificate cannot be read: "
                    + unacceptable.getMessage());
        }
        X509Engine.Subject renewed = current;
        if (request != null) {
            renewed = parse(request);
            requireSameKey(renewed, current.publicKeyInfo());
        }
        CertificateAuthority ca = cas.choose(call, null);
        X509Engine.Issued issued = cas.sign(ca, renewed);
        NewObject described = describe.apply(issued.certificate());
        Optional<String> publicKey = existing.attributes().links().stream()
                .filter(link -> link.kind() == LinkKind.PUBLIC_KEY).map(ObjectLink::target).findFirst();
        return keys.atomically(call, joined -> {
            List<String> names = existing.attributes().names();
            joined.changeAttributes(call, existingId, attributes -> attributes.withNames(List.of()));
            ObjectAttributes attributes = described.attributes().withNames(names)
                    .withLink(new ObjectLink(LinkKind.REPLACED_OBJECT, existingId.toString()));
            if (publicKey.isPresent()) {
                attributes = attributes.withLink(new ObjectLink(LinkKind.PUBLIC_KEY, publicKey.get()));
            }
            ManagedObject certificate = store(call, joined, linked(described, attributes), issued);
            joined.changeAttributes(call, existingId, changed -> changed
                    .withLink(new ObjectLink(LinkKind.REPLACEMENT_OBJECT, certificate.id().toString())));
            publicKey.flatMap(SecretId::parse).ifPresent(key -> joined.changeAttributes(call, key, changed -> {
                List<ObjectLink> links = new ArrayList<>();
                for (ObjectLink link : changed.links()) {
                    links.add(link.kind() == LinkKind.CERTIFICATE && link.target().equals(existingId.toString())
                            ? new ObjectLink(LinkKind.CERTIFICATE, certificate.id().toString()) : link);
                }
                return changed.withLinks(links);
            }));
            record(call, joined, ca, issued, certificate);
            return certificate;
        });
    }

    /** The public key to certify: the object itself, or the public key a private key links to. */
    private ManagedObject publicKeyOf(CallContext call, SecretId id) {
        ManagedObject object = keys.get(call, id);
        if (object.secret().type() == SecretType.PRIVATE) {
            SecretId linked = object.attributes().links().stream()
                    .filter(link -> link.kind() == LinkKind.PUBLIC_KEY).findFirst()
                    .flatMap(link -> SecretId.parse(link.target()))
                    .orElseThrow(() -> new DomainException.InvalidInput("the private key links to no public key"));
            object = keys.get(call, linked);
        }
        if (object.secret().type() != SecretType.PUBLIC) {
            throw new DomainException.InvalidInput("Certify certifies a Public Key object");
        }
        return object;
    }

    private byte[] publicKeyInfo(CallContext call, ManagedObject publicKey) {
        try (KeyService.Revealed revealed = keys.reveal(call, publicKey.id(), KeyProtection.Exposure.CLEAR)) {
            return x509.publicKeyInfo(revealed.material().bytes());
        } catch (X509Engine.Unacceptable unacceptable) {
            throw new DomainException.InvalidInput("the public key cannot be read: " + unacceptable.getMessage());
        }
    }

    private X509Engine.Subject parse(byte[] request) {
        try {
            return x509.parseRequest(request);
        } catch (X509Engine.Unacceptable unacceptable) {
            throw new DomainException.InvalidInput("Invalid PKCS10 Data: " + unacceptable.getMessage());
        }
    }

    private static void requireSameKey(X509Engine.Subject subject, byte[] publicKeyInfo) {
        if (!Arrays.equals(subject.publicKeyInfo(), publicKeyInfo)) {
            throw new DomainException.InvalidInput("the certificate request is for another key");
        }
    }

    private static NewObject linked(NewObject spec, ObjectAttributes attributes) {
        return new NewObject(spec.type(), spec.algorithm(), spec.bitLength(), attributes, spec.activationDate(),
                spec.deactivationDate(), spec.derived());
    }

    private static ManagedObject store(CallContext call, KeyService joined, NewObject spec, X509Engine.Issued issued) {
        try (Plaintext der = new Plaintext(issued.certificate(), PayloadContentType.OCTET_STREAM)) {
            return joined.register(call, spec, der);
        }
    }

    private void record(CallContext call, KeyService joined, CertificateAuthority ca, X509Engine.Issued issued,
                        ManagedObject certificate) {
        joined.recordIssued(new IssuedCertificate(ca.id(), issued.serial(), certificate.id(),
                call.principal().project(), issued.notAfter(), clock.instant().truncatedTo(ChronoUnit.MICROS), null));
    }

    /** An RFC 4514 attribute value: the characters that would otherwise end or restructure it are escaped. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"\\<>;=#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
