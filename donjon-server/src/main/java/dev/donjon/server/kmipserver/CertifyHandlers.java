package dev.donjon.server.kmipserver;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CertificateRequestType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.server.domain.ManagedObject;
import dev.donjon.server.domain.NewObject;
import dev.donjon.server.domain.SecretId;
import dev.donjon.server.domain.SecretType;
import dev.donjon.server.domain.pki.KeyCertification;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Certify and Re-certify (KMIP 1.4 §4.7–4.8, 2.1 §6.1.8 and §6.1.44): certificates signed by the project's Donjon CA
 * for PKCS#10 requests (type PKCS#10, or PEM holding one) and for public keys Donjon holds. The new Certificate is
 * described like a registered one (X.509 subject, issuer, serial, digest, ...) and the ID Placeholder names it.
 */
final class CertifyHandlers {
    private final KeyCertification certification;
    private final ObjectHandlers objects;

    CertifyHandlers(KeyCertification certification, ObjectHandlers objects) {
        this.certification = certification;
        this.objects = objects;
    }

    List<Ttlv> certify(Exchange exchange, Structure payload) {
        byte[] request = request(payload).orElse(null);
        // With a request alone the payload names no key; otherwise the identifier (or the placeholder) does.
        SecretId subject = request != null && payload.find(Tag.UNIQUE_IDENTIFIER).isEmpty() ? null
                : exchange.uid(payload);
        ManagedObject certificate = certification.certify(exchange.call(), subject, request, describe(payload));
        exchange.placeholder(certificate.id());
        return List.of(ObjectHandlers.uid(certificate.id()));
    }

    List<Ttlv> recertify(Exchange exchange, Structure payload) {
        ManagedObject certificate = certification.recertify(exchange.call(), exchange.uid(payload),
                request(payload).orElse(null), describe(payload));
        exchange.placeholder(certificate.id());
        return List.of(ObjectHandlers.uid(certificate.id()));
    }

    /** The certificate request, KMIP 1.x's Certificate Request or 2.x's Certificate Request Value. */
    private static Optional<byte[]> request(Structure payload) {
        Optional<byte[]> value = Fields.bytes(payload, Tag.CERTIFICATE_REQUEST)
                .or(() -> Fields.bytes(payload, Tag.CERTIFICATE_REQUEST_VALUE));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        CertificateRequestType type = Fields.enumeration(payload, Tag.CERTIFICATE_REQUEST_TYPE,
                CertificateRequestType.index()).orElseThrow(() -> KmipError.missing("Certificate Request Type"));
        if (type != CertificateRequestType.PKCS_10 && type != CertificateRequestType.PEM) {
            throw KmipError.invalidField("only PKCS#10 certificate requests (PKCS_10, or PEM) are supported");
        }
        return value;
    }

    /** The new certificate as Register would describe it, with the attributes the client's template asks for. */
    private Function<byte[], NewObject> describe(Structure payload) {
        return der -> {
            CertificateAttributes.Derived derived = CertificateAttributes.read(der);
            return objects.carried(ObjectType.CERTIFICATE, new ObjectCodec.Material(SecretType.CERTIFICATE, der,
                    derived.algorithm(), derived.length(), derived.attributes()),
                    AttributeCodec.requested(ObjectHandlers.templateEntries(payload, Tag.TEMPLATE_ATTRIBUTE,
                            Tag.ATTRIBUTES)));
        };
    }
}
