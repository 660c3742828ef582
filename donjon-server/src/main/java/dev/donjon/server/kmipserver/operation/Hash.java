package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.HashingAlgorithm;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;

import java.util.Optional;

/** Hash (KMIP 1.4 §4.36, 2.1 §6.1.24): the digest of the data under the Hashing Algorithm named; no key involved. */
final class Hash implements KmipOperation<RequestPayload.Hash, ResponsePayload.Hash> {
    private final KeyCryptography cryptography;

    Hash(KeyCryptography cryptography) {
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.Hash> requestType() {
        return RequestPayload.Hash.class;
    }

    @Override
    public ResponsePayload.Hash serve(OperationContext context, RequestPayload.Hash request) {
        HashingAlgorithm algorithm = Fields.enumeration(request.cryptographicParameters(), Tag.HASHING_ALGORITHM,
                HashingAlgorithm.index()).orElseThrow(() -> KmipError.missing("Hashing Algorithm"));
        byte[] data = request.data().orElseThrow(() -> KmipError.missing("Data"));
        return new ResponsePayload.Hash(Optional.of(cryptography.hash(CryptographicParameters.digest(algorithm), data)),
                Optional.empty());
    }
}
