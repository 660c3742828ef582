package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.port.StoreTx;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an edge copy may still serve (docs/replication.md). The owner seals a replica for an edge with a lease (the
 * vendor attribute {@link #LEASE_UNTIL}, an ISO-8601 instant) and/or a usage allocation ({@link #USES}, a number of
 * uses); the edge serves the key material (Get, payload, cryptographic use) while the lease runs and uses remain,
 * whether or not it can reach the owner, then refuses until a newer lockbox from the owner renews both. Uses are
 * counted in the store, one conditional update each, so a restart or two concurrent uses never spend one twice.
 * Only replicas are limited: the owner's own object bears neither attribute (its exports are stamped, not it).
 */
public final class EdgeAllowance {
    /** When the edge copy stops being served, unless renewed. */
    public static final String LEASE_UNTIL = "x-donjon-edge-lease-until";
    /** How many uses the edge copy may serve from the lockbox that brought it. */
    public static final String USES = "x-donjon-edge-uses";

    /** The text attributes {@link #limits} and {@link #spend} read. */
    public static final List<String> ATTRIBUTES = List.of(Ownership.OWNER, LEASE_UNTIL, USES);

    private EdgeAllowance() {
    }

    /** Attributes holding only {@code text} (from {@link #ATTRIBUTES}), for {@link #limits} and {@link #spend}. */
    public static ObjectAttributes attributes(java.util.Map<String, List<String>> text) {
        return new ObjectAttributes(UsageMask.UNRESTRICTED, List.of(), List.of(), text, KeyProtection.DEFAULT);
    }

    /** Whether the object is an edge copy: a replica with a lease or a usage allocation. */
    public static boolean limits(ObjectAttributes attributes) {
        return Ownership.owner(attributes).isPresent()
                && (attributes.text().containsKey(LEASE_UNTIL) || attributes.text().containsKey(USES));
    }

    /** The attributes with the owner's grant for an edge ({@code null}: none of that kind), replacing any before. */
    public static ObjectAttributes granted(ObjectAttributes attributes, Instant leaseUntil, Long uses) {
        return attributes.withText(LEASE_UNTIL, leaseUntil == null ? List.of() : List.of(leaseUntil.toString()))
                .withText(USES, uses == null ? List.of() : List.of(Long.toString(uses)));
    }

    /** The attributes without any grant: what a copy owned by its holder carries. */
    public static ObjectAttributes stripped(ObjectAttributes attributes) {
        return granted(attributes, null, null);
    }

    /** @throws DomainException.Refused a client names a grant, which only the owner's lockbox may carry */
    public static void refuseClaim(ObjectAttributes attributes) {
        if (attributes.text().containsKey(LEASE_UNTIL) || attributes.text().containsKey(USES)) {
            throw new DomainException.Refused(LEASE_UNTIL + " and " + USES + " are set by replication only");
        }
    }

    /**
     * An edge copy is not copied on at the edge (cloned, sealed for another server, promoted): the copy would escape
     * the owner's limits.
     *
     * @throws DomainException.Refused the object is an edge copy
     */
    public static void refuseCopy(ObjectAttributes attributes, String how) {
        if (limits(attributes)) {
            throw new DomainException.Refused("the object is an edge copy lent by its owner '"
                    + Ownership.owner(attributes).orElseThrow() + "' with a lease or usage allocation: it is not "
                    + how + " here");
        }
    }

    public static Optional<Instant> leaseUntil(ObjectAttributes attributes) {
        return first(attributes, LEASE_UNTIL).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                // Written by the owner's lockbox only; unreadable means not to be trusted with serving.
                return Instant.EPOCH;
            }
        });
    }

    public static OptionalLong uses(ObjectAttributes attributes) {
        return first(attributes, USES).map(value -> {
            try {
                return OptionalLong.of(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return OptionalLong.of(0);
            }
        }).orElse(OptionalLong.empty());
    }

    /**
     * Spends one use of an edge copy about to serve its key material, inside {@code tx}; nothing for any other object.
     *
     * @throws DomainException.Refused the copy was compromised here, or the lease ended or the allocation is spent,
     *                                 naming the owner and what ran out
     */
    public static void spend(StoreTx tx, SecretId id, ObjectAttributes attributes, Instant now) {
        if (!limits(attributes)) {
            return;
        }
        String owner = Ownership.owner(attributes).orElseThrow();
        EdgeCompromise.refuseServing(tx, id, owner);
        Optional<Instant> until = leaseUntil(attributes);
        if (until.isPresent() && !now.isBefore(until.get())) {
            throw new DomainException.Refused("the edge copy's lease from its owner '" + owner + "' ended at "
                    + until.get() + ": it is served again once '" + owner + "' renews it (a newer lockbox)");
        }
        OptionalLong uses = uses(attributes);
        if (!tx.edgeUsage().consume(id, uses.orElse(Long.MAX_VALUE))) {
            throw new DomainException.Refused("the edge copy's usage allocation from its owner '" + owner
                    + "' is spent (" + uses.getAsLong() + " of " + uses.getAsLong() + " uses): it is served again "
                    + "once '" + owner + "' renews it (a newer lockbox)");
        }
    }

    private static Optional<String> first(ObjectAttributes attributes, String name) {
        List<String> values = attributes.text().getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
