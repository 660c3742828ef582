package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.util.Optional;

/**
 * Add Attribute (KMIP 1.4 §4.14, 2.1 §6.1.3): another instance of a multi-valued attribute, or a single-valued one the
 * object lacks; 1.x answers with the attribute and the index it got.
 */
final class AddAttribute implements KmipOperation<RequestPayload.AddAttribute, ResponsePayload.AddAttribute> {
    private final KeyService keys;
    private final LifecycleDates dates;

    AddAttribute(KeyService keys, LifecycleDates dates) {
        this.keys = keys;
        this.dates = dates;
    }

    @Override
    public Class<RequestPayload.AddAttribute> requestType() {
        return RequestPayload.AddAttribute.class;
    }

    @Override
    public ResponsePayload.AddAttribute serve(OperationContext context, RequestPayload.AddAttribute request) {
        Entry entry = AttributeMapping.entry(request.attribute());
        SecretId id = context.uid(request.uniqueIdentifier());
        Optional<ManagedObject> rescheduled = dates.reschedule(context, id, entry, LifecycleDates.Edit.ADD);
        if (rescheduled.isPresent()) {
            return answer(context, rescheduled.get(), entry);
        }
        int[] index = new int[1];
        ManagedObject changed = keys.changeAttributes(context.call(), id, attributes -> {
            AttributeEdits.Result result = AttributeEdits.add(attributes, entry, context.v2());
            index[0] = result.index();
            return result.attributes();
        });
        return answer(context, changed, new Entry(entry.name(), index[0], entry.value()));
    }

    private static ResponsePayload.AddAttribute answer(OperationContext context, ManagedObject changed, Entry entry) {
        return new ResponsePayload.AddAttribute(changed.id().toString(),
                context.v2() ? Optional.empty() : Optional.of(AttributeMapping.attribute(entry)));
    }
}
