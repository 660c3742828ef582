package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ValidityIndicator;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.Optional;

/** MAC Verify (KMIP 1.4 §4.34, 2.1 §6.1.30): the MAC recomputed and compared in constant time. */
final class MacVerify implements KmipOperation<RequestPayload.MacVerify, ResponsePayload.MacVerify> {
    private final KeyUse use;
    private final KeyCryptography cryptography;

    MacVerify(KeyUse use, KeyCryptography cryptography) {
        this.use = use;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.MacVerify> requestType() {
        return RequestPayload.MacVerify.class;
    }

    @Override
    public ResponsePayload.MacVerify serve(OperationContext context, RequestPayload.MacVerify request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        byte[] data = request.data().orElseThrow(() -> KmipError.missing("Data"));
        byte[] expected = request.macData().orElseThrow(() -> KmipError.missing("MAC Data"));
        try (KeyService.Revealed key = use.use(context, id, KeyUsage.MAC_VERIFY)) {
            CryptographicParameters.requireSymmetric(key);
            boolean valid = cryptography.macMatches(key, CryptographicParameters.macAlgorithm(
                    request.cryptographicParameters(), key), data, expected);
            return new ResponsePayload.MacVerify(id.toString(),
                    Optional.of(valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID), Optional.empty());
        }
    }
}
