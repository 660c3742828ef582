package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.LinkType;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.RevocationReasonCode;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Fields;
import dev.donjon.server.domain.object.LocateCriterion;
import dev.donjon.server.domain.object.LocateCriterion.DateField;
import dev.donjon.server.domain.object.LocateCriterion.TextRange;
import dev.donjon.server.domain.object.NamePattern;
import dev.donjon.server.domain.barbican.SecretId;
import dev.donjon.server.kmipserver.operation.AttributeMapping.Entry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The attributes of a Locate request as domain criteria (KMIP 1.4 §4.9, 2.1 §6.1.28). Every attribute the server
 * stores is a filter: those kept as domain fields map onto their own criterion, and every attribute kept as text
 * (KmipAttribute.Storage TEXT and ENCODED, and custom attributes) is looked up by the stored form of the value the
 * client gives, so that an attribute added to KmipAttribute with one of those storages is locatable as it is.
 *
 * <p>Each instance must match ("Returned objects SHALL match all of the attributes in the request"), so two values of
 * a multi-valued attribute find the objects bearing both; except for dates: "If two instances of the same Date
 * attribute are used (i.e., with two different values specifying a range), then objects for which the Date attribute
 * is inside or at a limit of the range are considered to be matching candidate objects". A structure matches as a
 * whole, but for the Link (its Linked Object Identifier alone, as §4.9 allows) and the Revocation Reason (its code,
 * and its message when given).
 */
final class LocateFilters {
    /** KMIP dates are whole seconds; a stored date matches the second it falls in. */
    private static final Duration REST_OF_SECOND = Duration.ofSeconds(1).minusNanos(1);

    private LocateFilters() {
    }

    /**
     * A Donjon extension (1.x custom attribute, 2.x vendor "x" attribute "donjon-after"): the identifier of the last
     * object of the previous page; the Locate then answers the objects after it in its order, so that a listing read
     * page by page repeats and misses nothing while objects are added and deleted (docs/kmip-server.md, Locate). An
     * anchor that is not one of the caller's objects, nor one deleted within the anchor retention, is refused
     * (Invalid Field, the one reason both 1.4's and 2.1's Locate error tables give for a bad request attribute)
     * rather than matching nothing: an empty page would tell a client paging through everything that it has seen it
     * all.
     */
    static final String AFTER = "x-donjon-after";

    /**
     * The criteria of a Locate, or empty when they can match nothing (a Unique Identifier Donjon never issues).
     *
     * @param v2 whether names and other text values may hold wild-cards (Donjon supports them in KMIP 2.x; 1.x
     *           values are exact)
     */
    static Optional<List<LocateCriterion>> criteria(List<Entry> filters, boolean v2) {
        Map<String, List<Entry>> byName = new LinkedHashMap<>();
        for (Entry filter : filters) {
            if (filter.value() == null) {
                throw KmipError.missing("Attribute Value of " + filter.name());
            }
            byName.computeIfAbsent(filter.name(), n -> new ArrayList<>()).add(filter);
        }
        List<LocateCriterion> criteria = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> attribute : byName.entrySet()) {
            String name = attribute.getKey();
            List<Entry> instances = attribute.getValue();
            Optional<KmipAttribute> known = KmipAttribute.byV1Name(name);
            if (name.equals(AFTER)) {
                if (instances.size() != 1) {
                    throw KmipError.invalidField(AFTER + " names one anchor, the last object of the previous page");
                }
                // No object of this server ever had such an identifier (the store refuses those it does not know);
                // the value is not echoed, it may be anything up to the message size.
                criteria.add(new LocateCriterion.After(SecretId.parse(AttributeMapping.text(instances.getFirst()))
                        .orElseThrow(() -> KmipError.invalidField(AFTER + " is not an identifier this server issues:"
                                + " restart the listing from its first page"))));
            } else if (known.filter(k -> k == KmipAttribute.UNIQUE_IDENTIFIER).isPresent()) {
                for (Entry instance : instances) {
                    Optional<SecretId> id = SecretId.parse(AttributeMapping.text(instance));
                    if (id.isEmpty()) {
                        return Optional.empty();
                    }
                    criteria.add(new LocateCriterion.Identifier(id.get()));
                }
            } else if (known.isPresent() && known.get().storage() == KmipAttribute.Storage.DOMAIN) {
                criteria.addAll(domain(known.get(), instances, v2));
            } else {
                criteria.addAll(text(name, known, instances, v2));
            }
        }
        return Optional.of(criteria);
    }

    // ---------------------------------------------------------------- attributes kept as domain fields

    /** The criteria of one domain attribute (but the Unique Identifier). */
    private static List<LocateCriterion> domain(KmipAttribute attribute, List<Entry> instances, boolean v2) {
        Optional<DateField> date = dateField(attribute);
        if (date.isPresent()) {
            return List.of(dated(date.get(), instances));
        }
        List<LocateCriterion> criteria = new ArrayList<>();
        for (Entry instance : instances) {
            Ttlv value = instance.value();
            criteria.add(switch (attribute) {
                case NAME -> {
                    String name = AttributeMapping.name(value);
                    yield new LocateCriterion.Named(v2 ? NamePattern.wildcard(name) : NamePattern.exact(name));
                }
                case OBJECT_TYPE -> {
                    ObjectType objectType = Fields.enumeration(value, ObjectType.index());
                    yield new LocateCriterion.OfType(AttributeMapping.secretType(objectType).orElseThrow(() ->
                            new KmipError(ResultReason.INVALID_OBJECT_TYPE,
                                    objectType.specName() + " objects never exist here")));
                }
                case CRYPTOGRAPHIC_ALGORITHM -> new LocateCriterion.Algorithm(AttributeMapping.algorithmName(
                        Fields.enumeration(value, CryptographicAlgorithm.index())));
                case CRYPTOGRAPHIC_LENGTH -> new LocateCriterion.BitLength(
                        Fields.as(value, Ttlv.IntegerItem.class).value());
                case CRYPTOGRAPHIC_USAGE_MASK -> new LocateCriterion.UsageIncludes(AttributeMapping.usageMask(value));
                case SENSITIVE -> new LocateCriterion.Sensitive(AttributeMapping.bool(value));
                case EXTRACTABLE -> new LocateCriterion.Extractable(AttributeMapping.bool(value));
                case STATE -> new LocateCriterion.InState(AttributeMapping.lifecycleState(
                        Fields.enumeration(value, State.index())));
                case REVOCATION_REASON -> {
                    Structure reason = Fields.as(value, Structure.class);
                    RevocationReasonCode code = Fields.enumeration(reason, Tag.REVOCATION_REASON_CODE,
                            RevocationReasonCode.index()).orElseThrow(() -> KmipError.missing(
                            "Revocation Reason Code of the Revocation Reason filter"));
                    yield new LocateCriterion.Revoked(AttributeMapping.revocationReason(code),
                            Fields.text(reason, Tag.REVOCATION_MESSAGE));
                }
                case LINK -> {
                    Structure link = Fields.as(value, Structure.class);
                    String target = Fields.text(link, Tag.LINKED_OBJECT_IDENTIFIER).orElseThrow(() ->
                            new KmipError(ResultReason.INVALID_FIELD, "a Link filter needs the Linked Object "
                                    + "Identifier: Donjon finds links by their target"));
                    yield new LocateCriterion.Linked(Fields.enumeration(link, Tag.LINK_TYPE, LinkType.index())
                            .map(AttributeMapping::linkKind), target);
                }
                // A domain attribute added to KmipAttribute without a criterion here is refused, not ignored.
                default -> throw new KmipError(ResultReason.INVALID_FIELD,
                        instance.name() + " is not supported as a Locate filter");
            });
        }
        return criteria;
    }

    private static Optional<DateField> dateField(KmipAttribute attribute) {
        return Optional.ofNullable(switch (attribute) {
            case INITIAL_DATE -> DateField.INITIAL;
            case LAST_CHANGE_DATE -> DateField.LAST_CHANGE;
            case ACTIVATION_DATE -> DateField.ACTIVATION;
            case DEACTIVATION_DATE -> DateField.DEACTIVATION;
            case DESTROY_DATE -> DateField.DESTROY;
            case COMPROMISE_OCCURRENCE_DATE -> DateField.COMPROMISE_OCCURRENCE;
            case COMPROMISE_DATE -> DateField.COMPROMISE;
            default -> null;
        });
    }

    private static LocateCriterion dated(DateField field, List<Entry> instances) {
        List<Instant> range = dateRange(instances);
        return new LocateCriterion.Dated(field, range.getFirst(), range.getLast().plus(REST_OF_SECOND));
    }

    /** One date, or the two ends of a range in the order given. */
    private static List<Instant> dateRange(List<Entry> instances) {
        if (instances.size() > 2) {
            throw new KmipError(ResultReason.INVALID_FIELD, instances.getFirst().name()
                    + " may be given once (a date) or twice (a range), not " + instances.size() + " times");
        }
        List<Instant> dates = instances.stream().map(i -> Fields.dateTime(i.value())).toList();
        if (dates.getFirst().isAfter(dates.getLast())) {
            throw new KmipError(ResultReason.INVALID_FIELD, instances.getFirst().name()
                    + " range ends before it starts");
        }
        return dates;
    }

    // ---------------------------------------------------------------- attributes kept as text

    /**
     * The criteria of an attribute kept as text: its stored forms (AttributeMapping.stored, AttributeMapping.custom).
     * A value kept encoded may carry the attribute's tag (2.x, server-set) or Attribute Value's (1.x), so both
     * encodings are looked for.
     */
    private static List<LocateCriterion> text(String name, Optional<KmipAttribute> known, List<Entry> instances,
                                              boolean wildcards) {
        if (known.filter(k -> k == KmipAttribute.USAGE_LIMITS).isPresent()) {
            // §4.9 matches Usage Limits by "equal to or larger than" on two fields of one encoded structure.
            throw new KmipError(ResultReason.INVALID_FIELD, "Usage Limits is not supported as a Locate filter");
        }
        boolean dates = instances.stream().allMatch(i -> i.value() instanceof Ttlv.DateTimeItem);
        if (dates && instances.size() > 1) {
            List<Instant> range = dateRange(instances);
            return List.of(new LocateCriterion.Text(name, encodedDateRanges(known, range.getFirst(),
                    range.getLast())));
        }
        List<LocateCriterion> criteria = new ArrayList<>();
        for (Entry instance : instances) {
            // A Text String kept as text may hold wild-cards in 2.x, as a Name does; other values match as stored.
            if (wildcards && instance.value() instanceof Ttlv.TextItem text && keptAsText(known, text)) {
                NamePattern pattern = NamePattern.wildcard(text.value());
                if (!pattern.isExact() || !pattern.literal().equals(text.value())) {
                    criteria.add(new LocateCriterion.TextMatching(name, pattern));
                    continue;
                }
            }
            criteria.add(new LocateCriterion.Text(name, storedForms(known, instance.value()).stream()
                    .map(TextRange::exactly).toList()));
        }
        return criteria;
    }

    /** Whether the value is stored as the text itself (not encoded), so that a pattern can match what is stored. */
    private static boolean keptAsText(Optional<KmipAttribute> known, Ttlv.TextItem value) {
        return known.isEmpty() ? !value.value().startsWith(AttributeMapping.ENCODED_CUSTOM)
                : known.get().storage() == KmipAttribute.Storage.TEXT;
    }

    private static Set<String> storedForms(Optional<KmipAttribute> known, Ttlv value) {
        Set<String> forms = new LinkedHashSet<>();
        if (known.isEmpty()) {
            forms.add(AttributeMapping.custom(value.withTag(Tag.ATTRIBUTE_VALUE.code())));
        } else if (known.get().storage() == KmipAttribute.Storage.TEXT) {
            forms.add(Fields.as(value, Ttlv.TextItem.class).value());
        } else {
            for (int tag : List.of(known.get().tag().code(), Tag.ATTRIBUTE_VALUE.code())) {
                forms.add(AttributeMapping.encode(value.withTag(tag)));
            }
        }
        return forms;
    }

    /**
     * A range of dates kept encoded, as ranges of their stored text. A DateTime is its seconds as a big-endian
     * two's-complement number, so fixed-width hex of it sorts like the dates within the non-negative ones and within
     * the negative ones (before 1970), which sort after: a range across 1970 is two stretches of text.
     */
    private static List<TextRange> encodedDateRanges(Optional<KmipAttribute> known, Instant from, Instant to) {
        List<Instant[]> pieces = new ArrayList<>();
        if (from.isBefore(Instant.EPOCH)) {
            Instant lastNegative = Instant.EPOCH.minusSeconds(1);
            pieces.add(new Instant[] {from, to.isBefore(Instant.EPOCH) ? to : lastNegative});
        }
        if (!to.isBefore(Instant.EPOCH)) {
            pieces.add(new Instant[] {from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from, to});
        }
        List<TextRange> ranges = new ArrayList<>();
        for (Instant[] piece : pieces) {
            List<String> lows = List.copyOf(storedForms(known, new Ttlv.DateTimeItem(Tag.ATTRIBUTE_VALUE, piece[0])));
            List<String> highs = List.copyOf(storedForms(known, new Ttlv.DateTimeItem(Tag.ATTRIBUTE_VALUE,
                    piece[1])));
            for (int i = 0; i < lows.size(); i++) {
                ranges.add(new TextRange(lows.get(i), highs.get(i)));
            }
        }
        return ranges;
    }
}
