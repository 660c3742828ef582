package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.util.Optional;

/**
 * Delete Attribute (KMIP 1.4 §4.16, 2.1 §6.1.13): one instance, named in 1.x by Attribute Name and Index, in 2.x by
 * its Current Attribute value or by Attribute Reference (the first instance); 1.x answers with what was deleted.
 */
final class DeleteAttribute implements KmipOperation<RequestPayload.DeleteAttribute,
        ResponsePayload.DeleteAttribute> {
    private final KeyService keys;
    private final KeyCryptography cryptography;

    DeleteAttribute(KeyService keys, KeyCryptography cryptography) {
        this.keys = keys;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.DeleteAttribute> requestType() {
        return RequestPayload.DeleteAttribute.class;
    }

    @Override
    public ResponsePayload.DeleteAttribute serve(OperationContext context, RequestPayload.DeleteAttribute request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        String name;
        int index;
        if (request.currentAttribute().isPresent()) {
            Entry entry = AttributeMapping.entry(request.currentAttribute().get());
            name = entry.name();
            index = AttributeEdits.indexOf(keys.get(context.call(), id), entry, cryptography);
        } else {
            AttributeName named = request.name().orElseThrow(() -> KmipError.missing(context.v2()
                    ? "Current Attribute or Attribute Reference" : "Attribute Name"));
            // A standard attribute's tag, or a vendor attribute's Vendor Identification and Attribute Name.
            name = AttributeMapping.v1Name(named).orElseThrow(() -> new KmipError(ResultReason.ATTRIBUTE_NOT_FOUND,
                    "the object has no such attribute"));
            index = request.index().orElse(0);
        }
        Entry[] deleted = new Entry[1];
        ManagedObject changed = keys.changeAttributes(context.call(), id, attributes -> {
            AttributeEdits.Result result = AttributeEdits.delete(attributes, name, index, context.v2());
            deleted[0] = result.removed();
            return result.attributes();
        });
        return new ResponsePayload.DeleteAttribute(changed.id().toString(),
                context.v2() ? Optional.empty() : Optional.of(AttributeMapping.attribute(deleted[0])));
    }
}
