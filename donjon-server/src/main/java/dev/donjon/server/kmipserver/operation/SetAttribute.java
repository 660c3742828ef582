package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

/** Set Attribute (KMIP 2.1 §6.1.51): a single-valued attribute set whether or not the object has it. */
final class SetAttribute implements KmipOperation<RequestPayload.SetAttribute, ResponsePayload.SetAttribute> {
    private final KeyService keys;
    private final LifecycleDates dates;

    SetAttribute(KeyService keys, LifecycleDates dates) {
        this.keys = keys;
        this.dates = dates;
    }

    @Override
    public Class<RequestPayload.SetAttribute> requestType() {
        return RequestPayload.SetAttribute.class;
    }

    @Override
    public ResponsePayload.SetAttribute serve(OperationContext context, RequestPayload.SetAttribute request) {
        Entry entry = AttributeMapping.entry(request.attribute());
        SecretId id = context.uid(request.uniqueIdentifier());
        ManagedObject changed = dates.reschedule(context, id, entry, LifecycleDates.Edit.SET).orElseGet(() ->
                keys.changeAttributes(context.call(), id, attributes -> AttributeEdits.set(attributes, entry)));
        return new ResponsePayload.SetAttribute(changed.id().toString());
    }
}
