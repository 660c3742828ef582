package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.util.Optional;

/**
 * Decrypt (KMIP 1.4 §4.30, 2.1 §6.1.11): Encrypt's ciphers with a symmetric key, RSA with a private key; an
 * authenticated decryption releases nothing before its tag is checked.
 */
final class Decrypt implements KmipOperation<RequestPayload.Decrypt, ResponsePayload.Decrypt> {
    private final KeyUse use;
    private final CipherParts parts;
    private final KeyCryptography cryptography;

    Decrypt(KeyUse use, CipherParts parts, KeyCryptography cryptography) {
        this.use = use;
        this.parts = parts;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.Decrypt> requestType() {
        return RequestPayload.Decrypt.class;
    }

    @Override
    public ResponsePayload.Decrypt serve(OperationContext context, RequestPayload.Decrypt decrypt) {
        CipherParts.Request request = new CipherParts.Request(decrypt.uniqueIdentifier(),
                decrypt.cryptographicParameters(), decrypt.data(), decrypt.ivCounterNonce(), decrypt.correlationValue(),
                decrypt.initIndicator(), decrypt.finalIndicator(), decrypt.authenticatedEncryptionAdditionalData(),
                decrypt.authenticatedEncryptionTag());
        CipherParts.Part part = CipherParts.Part.of(request);
        if (part.continues()) {
            return parts.proceed(context, request, CipherStreams.Direction.DECRYPT).decrypted();
        }
        SecretId id = context.uid(request.uniqueIdentifier());
        byte[] data = part.opens() ? request.data().orElse(new byte[0])
                : request.data().orElseThrow(() -> KmipError.missing("Data"));
        Optional<Structure> given = request.cryptographicParameters();
        try (KeyService.Revealed key = use.use(context, id, KeyUsage.DECRYPT)) {
            if (part.opens()) {
                return parts.open(context, id, key, request, data, CipherStreams.Direction.DECRYPT).decrypted();
            }
            if (key.object().secret().type() == SecretType.PRIVATE) {
                return answer(id, cryptography.rsaDecrypt(key,
                        CryptographicParameters.oaep(CryptographicParameters.parameters(given, key)), data));
            }
            CryptographicParameters.requireSymmetric(key);
            if (CryptographicParameters.isChaCha20Poly1305(key, given)) {
                return answer(id, cryptography.chacha20Poly1305Decrypt(key,
                        CryptographicParameters.chachaNonce(request.ivCounterNonce()), request.aad(), data,
                        request.tag().orElseThrow(() -> KmipError.missing("Authenticated Encryption Tag"))));
            }
            if (CryptographicParameters.isChaCha20(key)) {
                return answer(id, cryptography.chacha20(key,
                        CryptographicParameters.chachaNonce(request.ivCounterNonce()), data));
            }
            KeyCryptography.AesCipher aes = CryptographicParameters.aesRequest(cryptography, context, given, key,
                    request.ivCounterNonce().orElse(null), request.aad());
            CipherParts.requireIv(aes);
            return answer(id, cryptography.decrypt(key, aes, data, request.tag().orElse(null)));
        }
    }

    private static ResponsePayload.Decrypt answer(SecretId id, byte[] clear) {
        return new ResponsePayload.Decrypt(id.toString(), Optional.of(clear), Optional.empty());
    }
}
