package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.barbican.SecretId;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Multi-part Encrypt and Decrypt (KMIP 1.4 §4.29–4.30, 2.1 §6.1.17, §6.1.11): the first part opens a stream under a
 * Correlation Value, later parts continue it, the last one (Final Indicator) finishes it.
 */
final class CipherParts {
    private static final int GCM_IV_BYTES = 12;
    private static final int BLOCK_BYTES = 16;

    /** The fields Encrypt and Decrypt requests share, as the library reads them. */
    record Request(Optional<String> uniqueIdentifier, Optional<Structure> cryptographicParameters,
                   Optional<byte[]> data, Optional<byte[]> ivCounterNonce, Optional<byte[]> correlationValue,
                   Optional<Boolean> initIndicator, Optional<Boolean> finalIndicator,
                   Optional<byte[]> additionalData, Optional<byte[]> tag) {

        byte[] aad() {
            return additionalData.orElse(null);
        }
    }

    /** What a part answers: Encrypt's and Decrypt's response fields. */
    record Answer(String uniqueIdentifier, byte[] data, Optional<byte[]> ivCounterNonce,
                  Optional<byte[]> correlationValue, Optional<byte[]> tag) {

        ResponsePayload.Encrypt encrypted() {
            return new ResponsePayload.Encrypt(uniqueIdentifier, Optional.of(data), ivCounterNonce, correlationValue,
                    tag);
        }

        ResponsePayload.Decrypt decrypted() {
            return new ResponsePayload.Decrypt(uniqueIdentifier, Optional.of(data), correlationValue);
        }
    }

    /**
     * Where a request stands in a multi-part operation (KMIP 1.4 §4, 2.1 §6.1): single-part without Init Indicator,
     * Final Indicator and Correlation Value, or with both indicators and no Correlation Value; the first part has
     * Init Indicator alone; later parts carry the Correlation Value, the last one with Final Indicator.
     */
    record Part(boolean opens, Optional<byte[]> correlation, boolean last) {
        static Part of(Request request) {
            boolean init = request.initIndicator().orElse(false);
            boolean last = request.finalIndicator().orElse(false);
            Optional<byte[]> correlation = request.correlationValue();
            if (correlation.isPresent() && init) {
                throw KmipError.invalidField("a Correlation Value continues a stream, which the Init Indicator opens");
            }
            if (correlation.isEmpty() && last && !init) {
                throw KmipError.missing("Correlation Value (the Final Indicator ends an open stream)");
            }
            return new Part(init && !last, correlation, last);
        }

        boolean continues() {
            return correlation.isPresent();
        }
    }

    private final KeyUse use;
    private final KeyCryptography cryptography;
    private final SecureRandom random;
    private final CipherStreams streams;

    /** @param streams the open multi-part operations, shared by every set of operations of the server */
    CipherParts(KeyUse use, KeyCryptography cryptography, SecureRandom random, CipherStreams streams) {
        this.use = use;
        this.cryptography = cryptography;
        this.random = random;
        this.streams = streams;
    }

    /** The first part of a stream: sets up the cipher from the request and the key, and serves the part's data. */
    Answer open(OperationContext context, SecretId id, KeyService.Revealed key, Request request, byte[] data,
                CipherStreams.Direction direction) {
        CryptographicParameters.requireSymmetric(key);
        boolean encrypt = direction == CipherStreams.Direction.ENCRYPT;
        Optional<Structure> given = request.cryptographicParameters();
        byte[] generatedIv = null;
        KeyCryptography.Stream stream;
        if (CryptographicParameters.isChaCha20Poly1305(key, given)) {
            stream = cryptography.chacha20Poly1305Stream(key, encrypt,
                    CryptographicParameters.chachaNonce(request.ivCounterNonce()), request.aad(),
                    request.tag().orElse(null), CryptographicParameters.tagBytes(given, key),
                    CipherStreams.MAX_HELD_BACK_BYTES);
        } else if (CryptographicParameters.isChaCha20(key)) {
            stream = cryptography.chacha20Stream(key, CryptographicParameters.chachaNonce(request.ivCounterNonce()));
        } else {
            KeyCryptography.AesCipher aes = CryptographicParameters.aesRequest(cryptography, context, given, key,
                    request.ivCounterNonce().orElse(null), request.aad());
            if (encrypt && aes.iv() == null && aes.mode() != KeyCryptography.AesMode.ECB) {
                // A stream needs its IV before its first part; the single-part operations have theirs drawn for them.
                generatedIv = new byte[aes.mode() == KeyCryptography.AesMode.GCM ? GCM_IV_BYTES : BLOCK_BYTES];
                random.nextBytes(generatedIv);
                aes = new KeyCryptography.AesCipher(aes.mode(), aes.padded(), generatedIv, aes.aad(), aes.tagBytes());
            }
            requireIv(aes);
            stream = cryptography.aesStream(key, encrypt, aes, request.tag().orElse(null),
                    CipherStreams.MAX_HELD_BACK_BYTES);
        }
        byte[] output = stream.update(data);
        byte[] correlation = streams.open(context, id, direction, stream);
        return new Answer(id.toString(), output, Optional.ofNullable(generatedIv), Optional.of(correlation),
                Optional.empty());
    }

    /**
     * A later part of a stream. The key is looked up again for every part, so that a stream stops serving once its
     * key may no longer be used (revoked, destroyed, past its dates). Any failure ends the stream.
     */
    Answer proceed(OperationContext context, Request request, CipherStreams.Direction direction) {
        Part part = Part.of(request);
        CipherStreams.Claimed claimed = streams.claim(context, part.correlation().orElseThrow(), direction,
                request.uniqueIdentifier());
        byte[] data = request.data().orElse(new byte[0]);
        SecretId id = claimed.object();
        boolean encrypt = direction == CipherStreams.Direction.ENCRYPT;
        try (KeyService.Revealed key = use.use(context, id, encrypt ? KeyUsage.ENCRYPT : KeyUsage.DECRYPT)) {
            if (encrypt) {
                use.consume(context, key, data.length);
            }
        }
        if (!part.last()) {
            byte[] output = claimed.stream().update(data);
            streams.release(claimed);
            return new Answer(id.toString(), output, Optional.empty(), part.correlation(), Optional.empty());
        }
        KeyCryptography.Finished finished = claimed.stream().finish(data);
        return new Answer(id.toString(), finished.output(), Optional.empty(), Optional.empty(),
                Optional.ofNullable(finished.tag()));
    }

    static void requireIv(KeyCryptography.AesCipher request) {
        if (request.iv() == null && request.mode() != KeyCryptography.AesMode.ECB) {
            // What the OASIS CS-BC cases expect of both 1.4 and 2.1 (Invalid Message is among 2.1's Decrypt
            // errors, beside the more specific Missing Initialization Vector).
            throw new KmipError(ResultReason.INVALID_MESSAGE, "the IV/Counter/Nonce is missing");
        }
    }
}
