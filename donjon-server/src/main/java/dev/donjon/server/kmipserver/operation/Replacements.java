package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.LinkKind;
import dev.donjon.server.domain.object.ManagedObject;
import dev.donjon.server.domain.object.ObjectAttributes;
import dev.donjon.server.domain.object.ObjectLink;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Requested;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What Re-key and Re-key Key Pair make a replacement key with: the existing key's attributes, moved in time. */
final class Replacements {
    private final Clock clock;

    Replacements(Clock clock) {
        this.clock = clock;
    }

    /**
     * The replacement of {@code existing} (KMIP 1.4 Tables 172–173): its attributes copied, except those the server
     * sets (dates, digest, Random Number Generator, Fresh, Always Sensitive, Never Extractable, Lease Time, state)
     * and its links, which become one Replaced Object link; the Usage Limits Count starts again at the Total. Without
     * an Offset the Activation, Deactivation, Process Start and Protect Stop Dates are copied; with one the Activation
     * Date is now + Offset (a future one leaves the replacement Pre-Active until then) and the other three move by as
     * much as the Activation Date did. The request's attributes, if any, win over the copied ones.
     */
    Requested replacement(ManagedObject existing, Optional<Long> offset, List<Entry> overrides) {
        if (existing.state().isDestroyed()) {
            throw new DomainException.Conflict(DomainException.Clash.WRONG_STATE);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // Dates travel in whole seconds: the shift is computed between dates as the client sees them.
        Instant oldActivation = Optional.ofNullable(existing.lifecycle().activationDate())
                .map(date -> date.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
        Instant activation = offset.map(now::plusSeconds).orElse(oldActivation);
        Duration shift = offset.isPresent() && oldActivation != null
                ? Duration.between(oldActivation, activation) : Duration.ZERO;
        ObjectAttributes copied = existing.attributes().withLinks(List.of(new ObjectLink(
                LinkKind.REPLACED_OBJECT, existing.id().toString())));
        // Set anew for the replacement: the digest and generator of its own key material, and the attributes the
        // server keeps about the object's history (a new key is fresh, and has always been as sensitive as it is).
        for (KmipAttribute serverSet : List.of(KmipAttribute.DIGEST, KmipAttribute.RANDOM_NUMBER_GENERATOR,
                KmipAttribute.FRESH, KmipAttribute.ALWAYS_SENSITIVE, KmipAttribute.NEVER_EXTRACTABLE,
                KmipAttribute.LEASE_TIME)) {
            copied = copied.withText(serverSet.v1Name(), List.of());
        }
        for (KmipAttribute date : List.of(KmipAttribute.PROCESS_START_DATE, KmipAttribute.PROTECT_STOP_DATE)) {
            List<String> shifted = new ArrayList<>();
            for (String stored : copied.text().getOrDefault(date.v1Name(), List.of())) {
                Instant value = Fields.dateTime(AttributeMapping.storedValue(date.v1Name(), stored));
                shifted.add(AttributeMapping.encode(new Ttlv.DateTimeItem(date.tag(), value.plus(shift))));
            }
            copied = copied.withText(date.v1Name(), shifted);
        }
        String limitsName = KmipAttribute.USAGE_LIMITS.v1Name();
        List<String> limits = copied.text().getOrDefault(limitsName, List.of());
        if (!limits.isEmpty()) {
            Structure stored = (Structure) AttributeMapping.storedValue(limitsName, limits.getFirst());
            List<Ttlv> children = new ArrayList<>();
            for (Ttlv child : stored.children()) {
                if (child.tag() != Tag.USAGE_LIMITS_COUNT.code()) {
                    children.add(child);
                }
            }
            stored.find(Tag.USAGE_LIMITS_TOTAL).ifPresent(total -> children.add(
                    total.withTag(Tag.USAGE_LIMITS_COUNT.code())));
            copied = copied.withText(limitsName, List.of(AttributeMapping.encode(
                    new Structure(Tag.USAGE_LIMITS, children))));
        }
        Requested asked = AttributeMapping.requested(overrides);
        boolean maskAsked = overrides.stream().anyMatch(e -> e.known()
                .filter(k -> k == KmipAttribute.CRYPTOGRAPHIC_USAGE_MASK).isPresent());
        if (maskAsked) {
            copied = copied.withUsageMask(asked.attributes().usageMask());
        }
        if (!asked.attributes().names().isEmpty()) {
            copied = copied.withNames(asked.attributes().names());
        }
        for (var link : asked.attributes().links()) {
            copied = copied.withLink(link);
        }
        for (var text : asked.attributes().text().entrySet()) {
            copied = copied.withText(text.getKey(), text.getValue());
        }
        Optional<CryptographicAlgorithm> algorithm = asked.algorithm()
                .or(() -> AttributeMapping.algorithm(existing.secret().algorithm()));
        Optional<Integer> length = asked.length().or(() -> Optional.ofNullable(existing.secret().bitLength()));
        Optional<Instant> deactivation = Optional.ofNullable(existing.lifecycle().deactivationDate())
                .map(date -> date.truncatedTo(ChronoUnit.SECONDS).plus(shift));
        return new Requested(Optional.empty(), algorithm, length, copied,
                asked.activationDate().or(() -> Optional.ofNullable(activation)),
                asked.deactivationDate().or(() -> deactivation));
    }
}
