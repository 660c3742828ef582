package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CertificateRequestType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.server.domain.object.NewObject;
import dev.donjon.server.domain.barbican.SecretType;

import java.util.Optional;
import java.util.function.Function;

/** What Certify and Re-certify share: the request they accept, and how the new certificate is described. */
final class CertificateIssuance {
    private final NewObjects newObjects;
    private final CertificateAttributes certificates;

    CertificateIssuance(NewObjects newObjects, CertificateAttributes certificates) {
        this.newObjects = newObjects;
        this.certificates = certificates;
    }

    /** The PKCS#10 request, DER (type PKCS_10) or PEM; CRMF and PGP requests are refused. */
    static Optional<byte[]> request(Optional<CertificateRequestType> type, Optional<byte[]> request) {
        if (request.isEmpty()) {
            return Optional.empty();
        }
        if (type.orElseThrow() != CertificateRequestType.PKCS_10 && type.get() != CertificateRequestType.PEM) {
            throw KmipError.invalidField("only PKCS#10 certificate requests (PKCS_10, or PEM) are supported");
        }
        return request;
    }

    /** The new certificate as Register would describe it, with the attributes the client's template asks for. */
    Function<byte[], NewObject> describe(OperationContext context, Optional<Attributes> template) {
        return der -> {
            CertificateAttributes.Derived derived = certificates.read(der);
            return newObjects.carried(ObjectType.CERTIFICATE, new ObjectCodec.Material(SecretType.CERTIFICATE, der,
                    derived.algorithm(), derived.length(), derived.attributes()),
                    AttributeMapping.requested(newObjects.entries(context, template)));
        };
    }
}
