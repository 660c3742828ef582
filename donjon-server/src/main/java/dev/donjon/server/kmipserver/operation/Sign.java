package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.util.Optional;

/**
 * Sign (KMIP 1.4 §4.31, 2.1 §6.1.55) with a private key: RSA PKCS#1 v1.5 or PSS, ECDSA, DSA. Every signature counts
 * against the key's Usage Limits.
 */
final class Sign implements KmipOperation<RequestPayload.Sign, ResponsePayload.Sign> {
    private final KeyUse use;
    private final KeyCryptography cryptography;

    Sign(KeyUse use, KeyCryptography cryptography) {
        this.use = use;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.Sign> requestType() {
        return RequestPayload.Sign.class;
    }

    @Override
    public ResponsePayload.Sign serve(OperationContext context, RequestPayload.Sign request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        byte[] data = request.data().orElseThrow(() -> KmipError.missing("Data"));
        try (KeyService.Revealed key = use.use(context, id, KeyUsage.SIGN)) {
            use.consume(context, key, data.length);
            if (key.object().secret().type() != SecretType.PRIVATE) {
                throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Sign needs a private key");
            }
            byte[] signature = cryptography.sign(key, CryptographicParameters.signatureScheme(
                    request.cryptographicParameters(), key), data);
            return new ResponsePayload.Sign(id.toString(), Optional.of(signature), Optional.empty());
        }
    }
}
