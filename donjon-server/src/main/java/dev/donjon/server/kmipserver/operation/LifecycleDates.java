package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.Lifecycle;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.time.Instant;
import java.util.Optional;

/**
 * The Activation and Deactivation Dates belong to the lifecycle: a client moves them, the Activation Date while the
 * object is pre-active, the Deactivation Date while it is pre-active or active (KMIP 1.4 §3.24, §3.27; 2.1 §4.1,
 * §4.18), and a date already passed changes the state at once. Add, Set and Modify Attribute hand them here.
 */
final class LifecycleDates {
    /** How an attribute operation treats an existing value. */
    enum Edit { ADD, SET, MODIFY }

    private final KeyService keys;

    LifecycleDates(KeyService keys) {
        this.keys = keys;
    }

    /** The object with the date moved; empty for any attribute but the two dates. */
    Optional<ManagedObject> reschedule(OperationContext context, SecretId id, Entry entry, Edit edit) {
        Optional<KmipAttribute> known = entry.known().filter(k -> k == KmipAttribute.ACTIVATION_DATE
                || k == KmipAttribute.DEACTIVATION_DATE);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        boolean activation = known.get() == KmipAttribute.ACTIVATION_DATE;
        Lifecycle lifecycle = keys.get(context.call(), id).lifecycle();
        boolean present = (activation ? lifecycle.activationDate() : lifecycle.deactivationDate()) != null;
        if (edit == Edit.ADD && present) {
            throw new KmipError(context.v2() ? ResultReason.ATTRIBUTE_SINGLE_VALUED : ResultReason.ILLEGAL_OPERATION,
                    entry.name() + " already has a value; use Modify Attribute");
        }
        if (edit == Edit.MODIFY && !present) {
            throw new KmipError(context.v2() ? ResultReason.ATTRIBUTE_NOT_FOUND : ResultReason.ITEM_NOT_FOUND,
                    "the object has no " + entry.name());
        }
        Instant date = Fields.dateTime(entry.value());
        return Optional.of(keys.reschedule(context.call(), id, activation ? date : null, activation ? null : date));
    }
}
