package dev.donjon.kmip;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One TTLV item: a tag, an item type and a value. This is the encoding-neutral tree that the
 * binary, XML and JSON codecs read and write; typed KMIP messages are built on top of it.
 *
 * <p>The tag is kept as its 3-byte code so extension tags (0x54xxxx) and tags newer than this
 * library survive a round trip; {@link #knownTag()} gives the {@link Tag} when there is one. Every
 * item checks its invariants on construction, so any {@code Ttlv} can be encoded.
 */
public sealed interface Ttlv {

    /** The 3-byte tag code; its first byte is 0x42 (specification) or 0x54 (extension). */
    int tag();

    ItemType type();

    default Optional<Tag> knownTag() {
        return Tag.fromCode(tag());
    }

    /**
     * The same item under another tag: how one value moves between a 1.x Attribute Value and its 2.x attribute tag.
     * Returns this item when it already has the tag.
     */
    default Ttlv withTag(int tag) {
        if (tag() == tag) {
            return this;
        }
        return switch (this) {
            case Structure s -> new Structure(tag, s.children());
            case IntegerItem i -> new IntegerItem(tag, i.value());
            case LongItem l -> new LongItem(tag, l.value());
            case BigIntegerItem b -> new BigIntegerItem(tag, b.value());
            case EnumerationItem e -> new EnumerationItem(tag, e.value());
            case BooleanItem b -> new BooleanItem(tag, b.value());
            case TextItem t -> new TextItem(tag, t.value());
            case BytesItem b -> new BytesItem(tag, b.value());
            case DateTimeItem d -> new DateTimeItem(tag, d.value());
            case IntervalItem i -> new IntervalItem(tag, i.seconds());
            case DateTimeExtendedItem d -> new DateTimeExtendedItem(tag, d.micros());
        };
    }

    /** "UniqueIdentifier", or "0x540001" for a tag this library has no name for; for messages and logs. */
    default String tagName() {
        return knownTag().map(Tag::specName).orElseGet(() -> String.format("0x%06X", tag()));
    }

    private static int checkTag(int tag) {
        if (!Tag.isValidCode(tag)) {
            throw new IllegalArgumentException(String.format("tag 0x%06X is not 0x42xxxx or 0x54xxxx", tag));
        }
        return tag;
    }

    /** An ordered list of items. */
    record Structure(int tag, List<Ttlv> children) implements Ttlv {
        public Structure {
            checkTag(tag);
            children = List.copyOf(children);
        }

        public Structure(Tag tag, List<Ttlv> children) {
            this(tag.code(), children);
        }

        public Structure(Tag tag, Ttlv... children) {
            this(tag.code(), List.of(children));
        }

        @Override
        public ItemType type() {
            return ItemType.STRUCTURE;
        }

        /** The first child with this tag. */
        public Optional<Ttlv> find(Tag tag) {
            return find(tag.code());
        }

        public Optional<Ttlv> find(int tag) {
            return children.stream().filter(c -> c.tag() == tag).findFirst();
        }

        /** The first child with this tag, if it has the given item type. */
        public <T extends Ttlv> Optional<T> find(Tag tag, Class<T> type) {
            return find(tag).filter(type::isInstance).map(type::cast);
        }

        /** All children with this tag, in order. */
        public List<Ttlv> findAll(Tag tag) {
            return findAll(tag.code());
        }

        public List<Ttlv> findAll(int tag) {
            return children.stream().filter(c -> c.tag() == tag).toList();
        }
    }

    record IntegerItem(int tag, int value) implements Ttlv {
        public IntegerItem {
            checkTag(tag);
        }

        public IntegerItem(Tag tag, int value) {
            this(tag.code(), value);
        }

        @Override
        public ItemType type() {
            return ItemType.INTEGER;
        }
    }

    record LongItem(int tag, long value) implements Ttlv {
        public LongItem {
            checkTag(tag);
        }

        public LongItem(Tag tag, long value) {
            this(tag.code(), value);
        }

        @Override
        public ItemType type() {
            return ItemType.LONG_INTEGER;
        }
    }

    record BigIntegerItem(int tag, BigInteger value) implements Ttlv {
        public BigIntegerItem {
            checkTag(tag);
            if (value == null) {
                throw new IllegalArgumentException("value is null");
            }
        }

        public BigIntegerItem(Tag tag, BigInteger value) {
            this(tag.code(), value);
        }

        @Override
        public ItemType type() {
            return ItemType.BIG_INTEGER;
        }
    }

    /** An enumeration value as its raw code, so values outside the known enums (extensions 0x8xxxxxxx) survive. */
    record EnumerationItem(int tag, int value) implements Ttlv {
        public EnumerationItem {
            checkTag(tag);
        }

        public EnumerationItem(Tag tag, KmipEnum value) {
            this(tag.code(), value.code());
        }

        public EnumerationItem(Tag tag, int value) {
            this(tag.code(), value);
        }

        @Override
        public ItemType type() {
            return ItemType.ENUMERATION;
        }
    }

    record BooleanItem(int tag, boolean value) implements Ttlv {
        public BooleanItem {
            checkTag(tag);
        }

        public BooleanItem(Tag tag, boolean value) {
            this(tag.code(), value);
        }

        @Override
        public ItemType type() {
            return ItemType.BOOLEAN;
        }
    }

    /** Text; must be well-formed UTF-16 (no lone surrogates) so that it has a UTF-8 encoding. */
    record TextItem(int tag, String value) implements Ttlv {
        public TextItem {
            checkTag(tag);
            if (value == null) {
                throw new IllegalArgumentException("value is null");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException("text has a lone surrogate at index " + i);
                }
            }
        }

        public TextItem(Tag tag, String value) {
            this(tag.code(), value);
        }

        @Override
        public ItemType type() {
            return ItemType.TEXT_STRING;
        }
    }

    /** Bytes; copied in and out, compared by content. */
    record BytesItem(int tag, byte[] value) implements Ttlv {
        public BytesItem {
            checkTag(tag);
            value = value.clone();
        }

        public BytesItem(Tag tag, byte[] value) {
            this(tag.code(), value);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int length() {
            return value.length;
        }

        @Override
        public ItemType type() {
            return ItemType.BYTE_STRING;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BytesItem other && other.tag == tag && Arrays.equals(other.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * tag + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "BytesItem[tag=" + tagName() + ", value=" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /**
     * A Date-Time: whole seconds since the epoch, as on the wire (finer precision is dropped). Limited
     * to the years ±999,999,999 that java.time can print, which the XML and JSON encodings need.
     */
    record DateTimeItem(int tag, Instant value) implements Ttlv {
        static final long MIN_SECONDS = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
        static final long MAX_SECONDS = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

        public DateTimeItem {
            checkTag(tag);
            value = value.truncatedTo(ChronoUnit.SECONDS);
            if (value.getEpochSecond() < MIN_SECONDS || value.getEpochSecond() > MAX_SECONDS) {
                throw new IllegalArgumentException("date-time out of range: " + value);
            }
        }

        public DateTimeItem(Tag tag, Instant value) {
            this(tag.code(), value);
        }

        /** True if a wire value of this many epoch seconds can be represented. */
        public static boolean inRange(long epochSeconds) {
            return epochSeconds >= MIN_SECONDS && epochSeconds <= MAX_SECONDS;
        }

        @Override
        public ItemType type() {
            return ItemType.DATE_TIME;
        }
    }

    /** An Interval: an unsigned 32-bit number of seconds. */
    record IntervalItem(int tag, long seconds) implements Ttlv {
        public static final long MAX_SECONDS = 0xFFFF_FFFFL;

        public IntervalItem {
            checkTag(tag);
            if (seconds < 0 || seconds > MAX_SECONDS) {
                throw new IllegalArgumentException("interval out of range 0.." + MAX_SECONDS + ": " + seconds);
            }
        }

        public IntervalItem(Tag tag, long seconds) {
            this(tag.code(), seconds);
        }

        @Override
        public ItemType type() {
            return ItemType.INTERVAL;
        }
    }

    /** A Date-Time Extended (KMIP 2.0): signed microseconds since the epoch. */
    record DateTimeExtendedItem(int tag, long micros) implements Ttlv {
        public DateTimeExtendedItem {
            checkTag(tag);
        }

        public DateTimeExtendedItem(Tag tag, long micros) {
            this(tag.code(), micros);
        }

        public Instant instant() {
            return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        }

        @Override
        public ItemType type() {
            return ItemType.DATE_TIME_EXTENDED;
        }
    }
}
