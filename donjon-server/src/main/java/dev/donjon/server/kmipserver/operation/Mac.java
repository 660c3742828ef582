package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.barbican.SecretId;

import java.util.Optional;

/** MAC (KMIP 1.4 §4.33, 2.1 §6.1.29): HMAC with a symmetric key; every MAC counts against the key's Usage Limits. */
final class Mac implements KmipOperation<RequestPayload.Mac, ResponsePayload.Mac> {
    private final KeyUse use;
    private final KeyCryptography cryptography;

    Mac(KeyUse use, KeyCryptography cryptography) {
        this.use = use;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.Mac> requestType() {
        return RequestPayload.Mac.class;
    }

    @Override
    public ResponsePayload.Mac serve(OperationContext context, RequestPayload.Mac request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        byte[] data = request.data().orElseThrow(() -> KmipError.missing("Data"));
        try (KeyService.Revealed key = use.use(context, id, KeyUsage.MAC_GENERATE)) {
            use.consume(context, key, data.length);
            CryptographicParameters.requireSymmetric(key);
            byte[] mac = cryptography.mac(key, CryptographicParameters.macAlgorithm(request.cryptographicParameters(),
                    key), data);
            return new ResponsePayload.Mac(id.toString(), Optional.of(mac), Optional.empty());
        }
    }
}
