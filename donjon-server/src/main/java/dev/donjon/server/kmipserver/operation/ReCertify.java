package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.pki.KeyCertification;

/**
 * Re-certify (KMIP 1.4 §4.8, 2.1 §6.1.44): a new certificate for the same key from the project's Donjon CA, which
 * takes over the existing certificate's names and links (Replaced / Replacement Object, the public key's Certificate
 * Link). Offsets are not applied: the new certificate's validity is the CA's.
 */
final class ReCertify implements KmipOperation<RequestPayload.ReCertify, ResponsePayload.ReCertify> {
    private final KeyCertification certification;
    private final CertificateIssuance issuance;

    ReCertify(KeyCertification certification, CertificateIssuance issuance) {
        this.certification = certification;
        this.issuance = issuance;
    }

    @Override
    public Class<RequestPayload.ReCertify> requestType() {
        return RequestPayload.ReCertify.class;
    }

    @Override
    public ResponsePayload.ReCertify serve(OperationContext context, RequestPayload.ReCertify request) {
        ManagedObject certificate = certification.recertify(context.call(), context.uid(request.uniqueIdentifier()),
                CertificateIssuance.request(request.requestType(), request.request()).orElse(null),
                issuance.describe(context, request.attributes()));
        context.placeholder(certificate.id());
        return new ResponsePayload.ReCertify(certificate.id().toString());
    }
}
