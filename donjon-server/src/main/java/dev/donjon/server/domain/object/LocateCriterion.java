package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.domain.barbican.SecretType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One thing a located object must have. A Locate asks for all of its criteria at once (KMIP 1.4 §4.9, 2.1 §6.1.28:
 * "Returned objects SHALL match all of the attributes in the request"), so two criteria on a multi-valued attribute
 * ask for an object bearing both values. Each criterion is answerable from an index of the caller's project.
 */
public sealed interface LocateCriterion {
    /** The object with this identifier. */
    record Identifier(SecretId id) implements LocateCriterion {
    }

    record OfType(SecretType type) implements LocateCriterion {
    }

    record InState(LifecycleState state) implements LocateCriterion {
    }

    /** The algorithm as stored (Barbican's spelling). */
    record Algorithm(String name) implements LocateCriterion {
    }

    record BitLength(int bits) implements LocateCriterion {
    }

    /** {@link KeyProtection#sensitive()} is {@code sensitive}. */
    record Sensitive(boolean sensitive) implements LocateCriterion {
    }

    /** {@link KeyProtection#extractable()} is {@code extractable}. */
    record Extractable(boolean extractable) implements LocateCriterion {
    }

    /** One of the object's names matches the pattern. */
    record Named(NamePattern pattern) implements LocateCriterion {
    }

    /** The usage mask has every bit of {@code mask} set (and maybe more), as KMIP compares masks. */
    record UsageIncludes(UsageMask mask) implements LocateCriterion {
    }

    /** A lifecycle or bookkeeping date inside [from, to], both ends included. */
    record Dated(DateField field, Instant from, Instant to) implements LocateCriterion {
        public Dated {
            if (from.isAfter(to)) {
                throw new DomainException.InvalidInput("a date range must not end before it starts");
            }
        }
    }

    /** Revoked for this reason, with this message when one is given. */
    record Revoked(RevocationReason reason, Optional<String> message) implements LocateCriterion {
    }

    /** A link to this object, of this kind when one is given. */
    record Linked(Optional<LinkKind> kind, String target) implements LocateCriterion {
    }

    /**
     * A text attribute ({@link ObjectAttributes#text()}) of this name with a value inside one of the ranges: a value
     * may have more than one stored form, and a range of encoded dates more than one stretch of text.
     */
    record Text(String name, List<TextRange> anyOf) implements LocateCriterion {
        public Text {
            anyOf = List.copyOf(anyOf);
            if (anyOf.isEmpty()) {
                throw new IllegalArgumentException("a text criterion needs at least one range");
            }
        }
    }

    /** A text attribute of this name with a value the pattern matches (KMIP 2.x wild-cards, as for names). */
    record TextMatching(String name, NamePattern pattern) implements LocateCriterion {
    }

    /**
     * Objects that come after {@code anchor} in Locate's order (newest first, by Initial Date then identifier): the
     * next page of a listing whose previous page ended at {@code anchor}. The anchor keeps its place after it is
     * deleted, so that pages neither repeat nor miss an object however others are added and deleted meanwhile.
     */
    record After(SecretId anchor) implements LocateCriterion {
    }

    /** Stored text values from {@code low} to {@code high}, both included, in code-point order; one value if equal. */
    record TextRange(String low, String high) {
        public TextRange {
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("a text range must not end before it starts");
            }
        }

        public static TextRange exactly(String value) {
            return new TextRange(value, value);
        }

        public boolean isExact() {
            return low.equals(high);
        }
    }

    /** The dates of an object that the store keeps as dates (others are text attributes). */
    enum DateField {
        INITIAL, LAST_CHANGE, ACTIVATION, DEACTIVATION, DESTROY, COMPROMISE_OCCURRENCE, COMPROMISE
    }
}
