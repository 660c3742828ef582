package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.Fields;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Get Usage Allocation (KMIP 1.4 §4.18, 2.1 §6.1.23): takes the requested units from the Usage Limits Count, in the
 * transaction that checks it, for a key able to apply protection now (a symmetric or private key, Active, before
 * its Protect Stop Date). No Usage Limits, or a key that cannot protect: Illegal Operation; more than is left:
 * Permission Denied (§11.19). Server-side Encrypt, Sign and MAC count against the same Count.
 */
final class GetUsageAllocation implements KmipOperation<RequestPayload.GetUsageAllocation,
        ResponsePayload.GetUsageAllocation> {
    private final KeyService keys;
    private final Clock clock;

    GetUsageAllocation(KeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Class<RequestPayload.GetUsageAllocation> requestType() {
        return RequestPayload.GetUsageAllocation.class;
    }

    @Override
    public ResponsePayload.GetUsageAllocation serve(OperationContext context,
                                                    RequestPayload.GetUsageAllocation request) {
        SecretId id = context.uid(request.uniqueIdentifier());
        long wanted = request.usageLimitsCount().orElseThrow(() -> new KmipError(ResultReason.INVALID_MESSAGE,
                "Usage Limits Count is required"));
        if (wanted < 0) {
            throw KmipError.invalidField("Usage Limits Count must not be negative");
        }
        ManagedObject object = keys.get(context.call(), id);
        String name = KmipAttribute.USAGE_LIMITS.v1Name();
        SecretType type = object.secret().type();
        Instant now = clock.instant();
        boolean stopped = object.attributes().text().getOrDefault(KmipAttribute.PROTECT_STOP_DATE.v1Name(), List.of())
                .stream().map(stored -> Fields.dateTime(AttributeMapping.storedValue(
                        KmipAttribute.PROTECT_STOP_DATE.v1Name(), stored)))
                .anyMatch(now::isAfter);
        if (!object.attributes().text().containsKey(name)
                || (type != SecretType.SYMMETRIC && type != SecretType.PRIVATE)
                || !object.state().permits(KeyUsage.ENCRYPT) || stopped) {
            throw new KmipError(ResultReason.ILLEGAL_OPERATION,
                    "only an active key with Usage Limits that can apply protection now has usage to allocate");
        }
        ManagedObject changed = keys.changeAttributes(context.call(), id, attributes -> {
            List<String> stored = attributes.text().getOrDefault(name, List.of());
            if (stored.isEmpty()) {
                throw new KmipError(ResultReason.ILLEGAL_OPERATION, "the object has no Usage Limits");
            }
            Structure limits = (Structure) AttributeMapping.storedValue(name, stored.getFirst());
            long total = limits.find(Tag.USAGE_LIMITS_TOTAL, Ttlv.LongItem.class).map(Ttlv.LongItem::value)
                    .orElse(Long.MAX_VALUE);
            long left = limits.find(Tag.USAGE_LIMITS_COUNT, Ttlv.LongItem.class).map(Ttlv.LongItem::value)
                    .orElse(total);
            if (wanted > left) {
                throw new KmipError(ResultReason.PERMISSION_DENIED, "only " + left + " units are left to allocate");
            }
            List<Ttlv> children = new ArrayList<>(limits.children().stream()
                    .filter(c -> c.tag() != Tag.USAGE_LIMITS_COUNT.code()).toList());
            children.add(new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, left - wanted));
            List<String> replaced = new ArrayList<>(stored);
            replaced.set(0, AttributeMapping.encode(new Structure(Tag.USAGE_LIMITS, children)));
            return attributes.withText(name, replaced);
        });
        return new ResponsePayload.GetUsageAllocation(changed.id().toString());
    }
}
