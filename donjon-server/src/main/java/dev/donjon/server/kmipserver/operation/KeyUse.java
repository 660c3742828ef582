package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.UsageLimitsUnit;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.KeyService;
import dev.donjon.server.domain.object.KeyUsage;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key a cryptographic operation uses: the domain checks state and usage mask before it hands the material over
 * ({@link KeyService#use}); here the dates that bound protecting and processing uses, and the Usage Limits a
 * protecting use counts against.
 */
final class KeyUse {
    private final KeyService keys;
    private final Clock clock;

    KeyUse(KeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Counts a protecting use against the key's Usage Limits (KMIP 1.4 §3.21): bytes or operations, taken from the
     * Usage Limits Count (the Total at first) in the same transaction that checks it; a use beyond the limit is
     * refused as Permission Denied, as the OASIS CS-BC cases expect of 1.4 and 2.1.
     */
    void consume(OperationContext context, KeyService.Revealed key, long bytes) {
        String name = KmipAttribute.USAGE_LIMITS.v1Name();
        if (!key.object().attributes().text().containsKey(name)) {
            return;
        }
        keys.changeAttributes(context.call(), key.object().id(), attributes -> {
            List<String> stored = attributes.text().getOrDefault(name, List.of());
            if (stored.isEmpty()) {
                return attributes;
            }
            Structure limits = (Structure) AttributeMapping.storedValue(name, stored.getFirst());
            long total = longValue(limits, Tag.USAGE_LIMITS_TOTAL).orElse(Long.MAX_VALUE);
            long left = longValue(limits, Tag.USAGE_LIMITS_COUNT).orElse(total);
            long wanted = Fields.enumeration(limits, Tag.USAGE_LIMITS_UNIT, UsageLimitsUnit.index())
                    .orElse(UsageLimitsUnit.OBJECT) == UsageLimitsUnit.BYTE
                    ? bytes : 1;
            if (wanted > left) {
                throw new KmipError(ResultReason.PERMISSION_DENIED, "the key's usage limit is exhausted");
            }
            List<Ttlv> children = new ArrayList<>(limits.children().stream()
                    .filter(c -> c.tag() != Tag.USAGE_LIMITS_COUNT.code()).toList());
            children.add(new Ttlv.LongItem(Tag.USAGE_LIMITS_COUNT, left - wanted));
            List<String> changed = new ArrayList<>(stored);
            changed.set(0, AttributeMapping.encode(new Structure(Tag.USAGE_LIMITS, children)));
            return attributes.withText(name, changed);
        });
    }

    /**
     * The key, if its material is a key the server can use: not a Split Key part (which needs joining first, KMIP
     * 1.4 §2.2.5), nor material a client registered wrapped under a key the server does not unwrap with.
     */
    static KeyService.Revealed usable(KeyService.Revealed key) {
        if (key.object().secret().type() == SecretType.SPLIT_KEY) {
            key.close();
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "a split key part is no usable key");
        }
        if (key.object().secret().type() == SecretType.TEMPLATE) {
            key.close();
            throw new KmipError(ResultReason.INVALID_OBJECT_TYPE, "a template is no key");
        }
        if (ObjectCodec.wrapped(key.object())) {
            key.close();
            throw new KmipError(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED,
                    "the key material is held wrapped, as registered; the server does not unwrap it");
        }
        return key;
    }

    private static Optional<Long> longValue(Structure parent, Tag tag) {
        return parent.find(tag).map(item -> switch (item) {
            case Ttlv.LongItem l -> l.value();
            case Ttlv.IntegerItem i -> (long) i.value();
            default -> throw KmipError.invalidField(tag.specName() + " must be a Long Integer");
        });
    }

    /**
     * The key for a cryptographic operation, as {@link KeyService#use} hands it over, and within its Protect Stop Date
     * (for protecting usages) or Process Start Date (for processing ones), KMIP 1.4 §3.25–3.26: outside them it may
     * not be used, as in a wrong lifecycle state.
     */
    KeyService.Revealed use(OperationContext context, SecretId id, KeyUsage usage) {
        KeyService.Revealed key = usable(keys.use(context.call(), id, usage));
        boolean protecting = usage.protects();
        KmipAttribute limit = protecting ? KmipAttribute.PROTECT_STOP_DATE : KmipAttribute.PROCESS_START_DATE;
        java.time.Instant now = clock.instant();
        boolean outside = key.object().attributes().text().getOrDefault(limit.v1Name(), List.of()).stream()
                .map(stored -> Fields.dateTime(AttributeMapping.storedValue(limit.v1Name(), stored)))
                .anyMatch(date -> protecting ? now.isAfter(date) : now.isBefore(date));
        if (outside) {
            key.close();
            throw new DomainException.Conflict(
                    DomainException.Clash.WRONG_STATE);
        }
        return key;
    }
}
