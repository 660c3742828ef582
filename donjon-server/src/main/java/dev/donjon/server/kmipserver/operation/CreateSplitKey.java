package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.barbican.PayloadContentType;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.domain.keys.Plaintext;
import dev.donjon.server.domain.object.KeyProtection;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.SecretSharing;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Create Split Key (KMIP 1.4 §4.38, 2.1 §6.1.10): splits the symmetric key or secret data named, or a new random one
 * of the requested algorithm and length, into Split Key objects ({@link SecretSharing}) stored in one transaction. The
 * key's own algorithm and length win over the request's ("the attributes of the key take precedence"); reading an
 * existing key to split is a read of its material, so a non-extractable or sensitive key is not split. The ID
 * Placeholder gets the part whose Key Part Identifier is 1.
 */
final class CreateSplitKey implements KmipOperation<RequestPayload.CreateSplitKey, ResponsePayload.CreateSplitKey> {
    private final KeyService keys;
    private final ObjectCodec codec;
    private final NewObjects newObjects;
    private final SecureRandom random;

    CreateSplitKey(KeyService keys, NewObjects newObjects, SecureRandom random, ObjectCodec codec) {
        this.codec = codec;
        this.keys = keys;
        this.newObjects = newObjects;
        this.random = random;
    }

    @Override
    public Class<RequestPayload.CreateSplitKey> requestType() {
        return RequestPayload.CreateSplitKey.class;
    }

    @Override
    public ResponsePayload.CreateSplitKey serve(OperationContext context, RequestPayload.CreateSplitKey request) {
        if (request.objectType() != ObjectType.SPLIT_KEY && request.objectType() != ObjectType.SYMMETRIC_KEY
                && request.objectType() != ObjectType.SECRET_DATA) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Create Split Key splits symmetric keys and secret data");
        }
        SecretSharing.Method method = SplitParts.method(request.method());
        Requested requested = NewObjects.requested(context, NewObjects.withoutObjectType(
                newObjects.entries(context, request.attributes())));
        byte[] secret;
        Optional<CryptographicAlgorithm> algorithm;
        int length;
        if (request.uniqueIdentifier().isPresent()) {
            try (KeyService.Revealed key = keys.reveal(context.call(), context.uid(request.uniqueIdentifier()),
                    KeyProtection.Exposure.CLEAR)) {
                SecretType type = key.object().secret().type();
                if ((type != SecretType.SYMMETRIC && type != SecretType.PASSPHRASE) || ObjectCodec.wrapped(key.object())) {
                    throw new KmipError(ResultReason.INVALID_OBJECT_TYPE,
                            "only symmetric keys and secret data held in the clear can be split");
                }
                secret = key.material().bytes().clone();
                algorithm = AttributeMapping.algorithm(key.object().secret().algorithm());
                length = key.object().secret().bitLength() != null ? key.object().secret().bitLength() : secret.length * 8;
            }
        } else {
            algorithm = requested.algorithm();
            length = requested.length().orElseThrow(() -> KmipError.missing("Cryptographic Length"));
            if (length <= 0 || length % 8 != 0 || length > 8 * 1024 * 8) {
                throw KmipError.invalidField("Cryptographic Length must be a positive number of bytes, at most 8 KiB");
            }
            secret = new byte[length / 8];
            random.nextBytes(secret);
        }
        try {
            Optional<BigInteger> prime = method == SecretSharing.Method.PRIME_FIELD
                    ? Optional.of(request.primeFieldSize().orElseGet(() -> SecretSharing.primeFor(secret.length * 8)))
                    : Optional.empty();
            List<SecretSharing.Share> shares = SecretSharing.split(method, secret, request.parts(), request.threshold(),
                    prime.orElse(null), random);
            List<String> ids = keys.atomically(context.call(), joined -> {
                List<String> out = new ArrayList<>();
                for (SecretSharing.Share share : shares) {
                    ObjectCodec.Material material = codec.read(ObjectType.SPLIT_KEY, SplitParts.structure(
                            request.parts(), share, request.threshold(), request.method(), prime, algorithm, length));
                    try (Plaintext clear = new Plaintext(material.bytes(), PayloadContentType.OCTET_STREAM)) {
                        out.add(joined.register(context.call(), newObjects.carried(ObjectType.SPLIT_KEY, material,
                                requested), clear).id().toString());
                    } finally {
                        Arrays.fill(material.bytes(), (byte) 0);
                    }
                }
                return out;
            });
            context.placeholder(dev.donjon.server.domain.barbican.SecretId.parse(ids.getFirst()).orElseThrow());
            return new ResponsePayload.CreateSplitKey(ids);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
