package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyCryptography;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.util.Optional;

/**
 * Modify Attribute (KMIP 1.4 §4.15, 2.1 §6.1.34): a new value for an instance the object has: 1.x names it by index,
 * 2.x by its Current Attribute value (the first instance when none is given).
 */
final class ModifyAttribute implements KmipOperation<RequestPayload.ModifyAttribute,
        ResponsePayload.ModifyAttribute> {
    private final KeyService keys;
    private final LifecycleDates dates;
    private final KeyCryptography cryptography;

    ModifyAttribute(KeyService keys, LifecycleDates dates, KeyCryptography cryptography) {
        this.keys = keys;
        this.dates = dates;
        this.cryptography = cryptography;
    }

    @Override
    public Class<RequestPayload.ModifyAttribute> requestType() {
        return RequestPayload.ModifyAttribute.class;
    }

    @Override
    public ResponsePayload.ModifyAttribute serve(OperationContext context, RequestPayload.ModifyAttribute request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        Entry entry = AttributeMapping.entry(request.attribute());
        if (context.v2()) {
            int index = request.currentAttribute()
                    .map(current -> AttributeEdits.indexOf(keys.get(context.call(), id),
                            AttributeMapping.entry(current), cryptography))
                    .orElse(0);
            entry = new Entry(entry.name(), index, entry.value());
        }
        Entry modified = entry;
        ManagedObject changed = dates.reschedule(context, id, modified, LifecycleDates.Edit.MODIFY).orElseGet(() ->
                keys.changeAttributes(context.call(), id,
                        attributes -> AttributeEdits.modify(attributes, modified, context.v2())));
        return new ResponsePayload.ModifyAttribute(changed.id().toString(),
                context.v2() ? Optional.empty() : Optional.of(AttributeMapping.attribute(modified)));
    }
}
