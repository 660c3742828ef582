package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.ValidityIndicator;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.util.Optional;

/** Signature Verify (KMIP 1.4 §4.32, 2.1 §6.1.56) with a public key or certificate: Valid or Invalid. */
final class SignatureVerify implements KmipOperation<RequestPayload.SignatureVerify, ResponsePayload.SignatureVerify> {
    private final KeyUse use;
    private final KeyCryptography cryptography;

    SignatureVerify(KeyUse use, KeyCryptography cryptography) {
        this.use = use;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.SignatureVerify> requestType() {
        return RequestPayload.SignatureVerify.class;
    }

    @Override
    public ResponsePayload.SignatureVerify serve(OperationContext context, RequestPayload.SignatureVerify request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        byte[] data = request.data().orElseThrow(() -> KmipError.missing("Data"));
        byte[] signature = request.signatureData().orElseThrow(() -> KmipError.missing("Signature Data"));
        try (KeyService.Revealed key = use.use(context, id, KeyUsage.VERIFY)) {
            SecretType type = key.object().secret().type();
            if (type != SecretType.PUBLIC && type != SecretType.CERTIFICATE) {
                throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Signature Verify needs a public key");
            }
            boolean valid = false;
            for (KeyCryptography.SignatureScheme scheme : CryptographicParameters.verificationSchemes(
                    request.cryptographicParameters(), key, cryptography)) {
                valid = valid || cryptography.verify(key, scheme, data, signature);
            }
            return new ResponsePayload.SignatureVerify(id.toString(),
                    Optional.of(valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID), Optional.empty(),
                    Optional.empty());
        }
    }
}
