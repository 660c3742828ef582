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
 * Encrypt (KMIP 1.4 §4.29, 2.1 §6.1.17) with a key that never leaves the server: AES (GCM, CBC, ECB, CTR), ChaCha20
 * and ChaCha20-Poly1305 with a symmetric key, RSA (OAEP, PKCS#1 v1.5) with a public key; single-part or in parts.
 * Every encryption counts against the key's Usage Limits.
 */
final class Encrypt implements KmipOperation<RequestPayload.Encrypt, ResponsePayload.Encrypt> {
    private final KeyUse use;
    private final CipherParts parts;
    private final KeyCryptography cryptography;

    Encrypt(KeyUse use, CipherParts parts, KeyCryptography cryptography) {
        this.use = use;
        this.parts = parts;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.Encrypt> requestType() {
        return RequestPayload.Encrypt.class;
    }

    @Override
    public ResponsePayload.Encrypt serve(OperationContext context, RequestPayload.Encrypt encrypt) {
        CipherParts.Request request = new CipherParts.Request(encrypt.uniqueIdentifier(),
                encrypt.cryptographicParameters(), encrypt.data(), encrypt.ivCounterNonce(), encrypt.correlationValue(),
                encrypt.initIndicator(), encrypt.finalIndicator(), encrypt.authenticatedEncryptionAdditionalData(),
                Optional.empty());
        CipherParts.Part part = CipherParts.Part.of(request);
        if (part.continues()) {
            return parts.proceed(context, request, CipherStreams.Direction.ENCRYPT).encrypted();
        }
        SecretId id = context.uid(request.uniqueIdentifier());
        byte[] data = part.opens() ? request.data().orElse(new byte[0])
                : request.data().orElseThrow(() -> KmipError.missing("Data"));
        Optional<Structure> given = request.cryptographicParameters();
        try (KeyService.Revealed key = use.use(context, id, KeyUsage.ENCRYPT)) {
            use.consume(context, key, data.length);
            if (part.opens()) {
                return parts.open(context, id, key, request, data, CipherStreams.Direction.ENCRYPT).encrypted();
            }
            if (key.object().secret().type() == SecretType.PUBLIC) {
                return answer(id, cryptography.rsaEncrypt(key, CryptographicParameters.oaep(
                        CryptographicParameters.parameters(given, key)), data), Optional.empty(), Optional.empty());
            }
            CryptographicParameters.requireSymmetric(key);
            if (CryptographicParameters.isChaCha20Poly1305(key, given)) {
                KeyCryptography.Sealed result = cryptography.chacha20Poly1305Encrypt(key,
                        CryptographicParameters.chachaNonce(request.ivCounterNonce()), request.aad(), data,
                        CryptographicParameters.tagBytes(given, key));
                return answer(id, result.output(), Optional.empty(), Optional.of(result.tag()));
            }
            if (CryptographicParameters.isChaCha20(key)) {
                return answer(id, cryptography.chacha20(key,
                        CryptographicParameters.chachaNonce(request.ivCounterNonce()), data), Optional.empty(),
                        Optional.empty());
            }
            KeyCryptography.AesCipher aes = CryptographicParameters.aesRequest(cryptography, context, given, key,
                    request.ivCounterNonce().orElse(null), request.aad());
            KeyCryptography.Sealed result = cryptography.encrypt(key, aes, data);
            return answer(id, result.output(), aes.iv() == null ? Optional.ofNullable(result.iv()) : Optional.empty(),
                    Optional.ofNullable(result.tag()));
        }
    }

    private static ResponsePayload.Encrypt answer(SecretId id, byte[] data, Optional<byte[]> generatedIv,
                                                  Optional<byte[]> tag) {
        return new ResponsePayload.Encrypt(id.toString(), Optional.of(data), generatedIv, Optional.empty(), tag);
    }
}
