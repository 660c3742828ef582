package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

/**
 * Re-key (KMIP 1.4 §4.4, 2.1 §6.1.45): a new symmetric key generated with the existing key's attributes, which
 * takes over its names; the existing key links to it as its Replacement Object, it to the existing key as its
 * Replaced Object. Dates follow the Offset rules ({@link Replacements}).
 */
final class ReKey implements KmipOperation<RequestPayload.ReKey, ResponsePayload.ReKey> {
    private final KeyService keys;
    private final NewObjects newObjects;
    private final Replacements replacements;

    ReKey(KeyService keys, NewObjects newObjects, Replacements replacements) {
        this.keys = keys;
        this.newObjects = newObjects;
        this.replacements = replacements;
    }

    @Override
    public Class<RequestPayload.ReKey> requestType() {
        return RequestPayload.ReKey.class;
    }

    @Override
    public ResponsePayload.ReKey serve(OperationContext context, RequestPayload.ReKey request) {
        SecretId existingId = context.uid(request.uniqueIdentifier());
        ManagedObject existing = keys.get(context.call(), existingId);
        if (existing.secret().type() != SecretType.SYMMETRIC) {
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "Re-key replaces symmetric keys");
        }
        Requested replacement = replacements.replacement(existing, request.offset(),
                newObjects.entries(context, request.attributes()));
        CryptographicAlgorithm algorithm = replacement.algorithm()
                .orElseThrow(() -> KmipError.missing("Cryptographic Algorithm"));
        int length = replacement.length().orElseThrow(() -> KmipError.missing("Cryptographic Length"));
        ManagedObject created = keys.reKey(context.call(), existingId, newObjects.newObject(SecretType.SYMMETRIC,
                replacement, algorithm, length, NewObjects.Origin.GENERATED), NewObjects.symmetricGenerator(algorithm),
                length);
        context.placeholder(created.id());
        return new ResponsePayload.ReKey(created.id().toString());
    }
}
