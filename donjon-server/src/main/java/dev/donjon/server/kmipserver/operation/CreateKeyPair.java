package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

/**
 * Create Key Pair (KMIP 1.4 §4.2, 2.1 §6.1.9): an RSA, DSA or EC key pair, its halves linked to each other; the common
 * attributes go to both halves, the private and public ones to their half.
 */
final class CreateKeyPair implements KmipOperation<RequestPayload.CreateKeyPair, ResponsePayload.CreateKeyPair> {
    private final KeyService keys;
    private final NewObjects newObjects;

    CreateKeyPair(KeyService keys, NewObjects newObjects) {
        this.keys = keys;
        this.newObjects = newObjects;
    }

    @Override
    public Class<RequestPayload.CreateKeyPair> requestType() {
        return RequestPayload.CreateKeyPair.class;
    }

    @Override
    public ResponsePayload.CreateKeyPair serve(OperationContext context, RequestPayload.CreateKeyPair request) {
        Requested forPrivate = NewObjects.requested(context, NewObjects.withoutObjectType(
                newObjects.entries(context, request.common(), request.privateKey())));
        Requested forPublic = NewObjects.requested(context, NewObjects.withoutObjectType(
                newObjects.entries(context, request.common(), request.publicKey())));
        CryptographicAlgorithm algorithm = forPrivate.algorithm().or(forPublic::algorithm)
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        int length = forPrivate.length().or(forPublic::length)
                .orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        KeyService.KeyPairObjects pair = keys.createKeyPair(context.call(),
                newObjects.newObject(SecretType.PRIVATE, forPrivate, algorithm, length, NewObjects.Origin.GENERATED),
                newObjects.newObject(SecretType.PUBLIC, forPublic, algorithm, length, NewObjects.Origin.GENERATED),
                NewObjects.asymmetricGenerator(algorithm), length);
        context.placeholder(pair.privateKey().id());
        return new ResponsePayload.CreateKeyPair(pair.privateKey().id().toString(), pair.publicKey().id().toString());
    }
}
