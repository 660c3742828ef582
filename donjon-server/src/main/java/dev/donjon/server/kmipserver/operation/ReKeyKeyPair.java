package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

/**
 * Re-key Key Pair (KMIP 1.4 §4.5, 2.1 §6.1.46): as {@link ReKey} for both halves of a pair, the public half found
 * through the private key's Public Key link.
 */
final class ReKeyKeyPair implements KmipOperation<RequestPayload.ReKeyKeyPair, ResponsePayload.ReKeyKeyPair> {
    private final KeyService keys;
    private final NewObjects newObjects;
    private final Replacements replacements;

    ReKeyKeyPair(KeyService keys, NewObjects newObjects, Replacements replacements) {
        this.keys = keys;
        this.newObjects = newObjects;
        this.replacements = replacements;
    }

    @Override
    public Class<RequestPayload.ReKeyKeyPair> requestType() {
        return RequestPayload.ReKeyKeyPair.class;
    }

    @Override
    public ResponsePayload.ReKeyKeyPair serve(OperationContext context, RequestPayload.ReKeyKeyPair request) {
        SecretId privateId = context.uid(request.privateKeyUniqueIdentifier());
        ManagedObject existingPrivate = keys.get(context.call(), privateId);
        if (existingPrivate.secret().type() != SecretType.PRIVATE) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Re-key Key Pair replaces a private key's pair");
        }
        ManagedObject existingPublic = existingPrivate.attributes().links().stream()
                .filter(link -> link.kind() == LinkKind.PUBLIC_KEY)
                .findFirst()
                .flatMap(link -> SecretId.parse(link.target()))
                .map(id -> keys.get(context.call(), id))
                .orElseThrow(() -> new KmipError(ResultReason.ITEM_NOT_FOUND, "the private key has no public key"));
        Requested forPrivate = replacements.replacement(existingPrivate, request.offset(), NewObjects.withoutObjectType(
                newObjects.entries(context, request.common(), request.privateKey())));
        Requested forPublic = replacements.replacement(existingPublic, request.offset(), NewObjects.withoutObjectType(
                newObjects.entries(context, request.common(), request.publicKey())));
        CryptographicAlgorithm algorithm = forPrivate.algorithm()
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        int length = forPrivate.length().orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        KeyService.KeyPairObjects pair = keys.reKeyPair(context.call(), existingPrivate.id(), existingPublic.id(),
                newObjects.newObject(SecretType.PRIVATE, forPrivate, algorithm, length, NewObjects.Origin.GENERATED),
                newObjects.newObject(SecretType.PUBLIC, forPublic, algorithm, length, NewObjects.Origin.GENERATED),
                NewObjects.asymmetricGenerator(algorithm), length);
        context.placeholder(pair.privateKey().id());
        return new ResponsePayload.ReKeyKeyPair(pair.privateKey().id().toString(), pair.publicKey().id().toString());
    }
}
