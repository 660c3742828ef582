package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.pki.KeyCertification;

/**
 * Certify (KMIP 1.4 §4.7, 2.1 §6.1.8): a certificate signed by the project's Donjon CA for a PKCS#10 request and/or a
 * public key Donjon holds, linked to that key (docs/certificates.md); the ID Placeholder names the certificate.
 */
final class Certify implements KmipOperation<RequestPayload.Certify, ResponsePayload.Certify> {
    private final KeyCertification certification;
    private final CertificateIssuance issuance;

    Certify(KeyCertification certification, CertificateIssuance issuance) {
        this.certification = certification;
        this.issuance = issuance;
    }

    @Override
    public Class<RequestPayload.Certify> requestType() {
        return RequestPayload.Certify.class;
    }

    @Override
    public ResponsePayload.Certify serve(OperationContext context, RequestPayload.Certify request) {
        byte[] certificateRequest = CertificateIssuance.request(request.requestType(), request.request()).orElse(null);
        // A request alone names no key; otherwise the identifier (or the ID Placeholder) names the key to certify.
        SecretId key = certificateRequest != null && request.uniqueIdentifier().isEmpty() ? null
                : context.uid(request.uniqueIdentifier());
        ManagedObject certificate = certification.certify(context.call(), key, certificateRequest,
                issuance.describe(context, request.attributes()));
        context.placeholder(certificate.id());
        return new ResponsePayload.Certify(certificate.id().toString());
    }
}
