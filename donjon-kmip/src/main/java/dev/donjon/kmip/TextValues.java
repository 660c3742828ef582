package dev.donjon.kmip;

import dev.donjon.kmip.enums.EnumRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Textual forms of TTLV values shared by the XML and JSON encodings (KMIP profiles, "TTLV XML/JSON
 * encoding"): enumerations and mask bits by name or as 0x-hex, byte strings as hex, date-times as
 * ISO 8601.
 *
 * <p>The name of an Enumeration or mask value depends on the tag, except inside a KMIP 1.x
 * Attribute, where the Attribute Value takes its meaning from the sibling Attribute Name: that tag
 * is the "naming tag".
 */
final class TextValues {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HEX_INT = Pattern.compile("0x[0-9A-Fa-f]{1,8}");
    private static final Pattern HEX_LONG = Pattern.compile("0x[0-9A-Fa-f]{1,16}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,20}");
    private static final Pattern MASK_SEPARATOR = Pattern.compile("[\\s|]+");

    private TextValues() {
    }

    /** The tag whose enumeration names the value of {@code tag}; see the class comment. */
    static Optional<Tag> namingTag(int tag, Optional<String> siblingAttributeName) {
        if (tag == Tag.ATTRIBUTE_VALUE.code() && siblingAttributeName.isPresent()) {
            return Tag.fromAttributeName(siblingAttributeName.get());
        }
        return Tag.fromCode(tag);
    }

    /** Tracks the latest Attribute Name among the children of one structure. */
    static Optional<String> attributeNameOf(Ttlv child, Optional<String> current) {
        return child instanceof Ttlv.TextItem text && text.tag() == Tag.ATTRIBUTE_NAME.code() ? Optional.of(text.value()) : current;
    }

    // ---------------------------------------------------------------- Enumeration

    static String enumerationText(Optional<Tag> namingTag, int code) {
        return namingTag.flatMap(EnumRegistry::enumerationOf)
                .flatMap(index -> index.byCode(code))
                .map(KmipEnum::specName)
                .orElseGet(() -> hex32(code));
    }

    static int enumerationValue(Optional<Tag> namingTag, String text) throws TtlvException {
        if (HEX_INT.matcher(text).matches()) {
            return Integer.parseUnsignedInt(text.substring(2), 16);
        }
        Optional<? extends KmipEnum> value = namingTag.flatMap(EnumRegistry::enumerationOf).flatMap(index -> index.bySpecName(text));
        return value.orElseThrow(() -> new TtlvException("unknown enumeration value \"" + text + "\" for "
                + namingTag.map(Tag::specName).orElse("a tag without an enumeration"))).code();
    }

    // ---------------------------------------------------------------- Integer (plain or mask)

    static boolean isMask(Optional<Tag> namingTag) {
        return namingTag.flatMap(EnumRegistry::maskOf).isPresent();
    }

    /** Mask bits as names separated by spaces (unnamed bits as one 0x-hex word); other integers in decimal. */
    static String integerText(Optional<Tag> namingTag, int value) {
        Optional<KmipEnumIndex<?>> mask = namingTag.flatMap(EnumRegistry::maskOf);
        if (mask.isEmpty() || value == 0) {
            return Integer.toString(value);
        }
        List<String> words = new ArrayList<>();
        int rest = value;
        for (KmipEnum bit : mask.get().values()) {
            if ((value & bit.code()) == bit.code() && Integer.bitCount(bit.code()) == 1) {
                words.add(bit.specName());
                rest &= ~bit.code();
            }
        }
        if (rest != 0) {
            words.add(hex32(rest));
        }
        return String.join(" ", words);
    }

    /** Decimal, 0x-hex, or (for mask tags) names and hex words separated by spaces or '|', OR-ed. */
    static int integerValue(Optional<Tag> namingTag, String text) throws TtlvException {
        if (DECIMAL.matcher(text).matches()) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new TtlvException("integer out of range: " + text);
            }
        }
        if (HEX_INT.matcher(text).matches()) {
            return Integer.parseUnsignedInt(text.substring(2), 16);
        }
        Optional<KmipEnumIndex<?>> mask = namingTag.flatMap(EnumRegistry::maskOf);
        if (mask.isEmpty() || text.isBlank()) {
            throw new TtlvException("not an integer: \"" + text + "\"");
        }
        int value = 0;
        for (String word : MASK_SEPARATOR.split(text.strip())) {
            if (HEX_INT.matcher(word).matches()) {
                value |= Integer.parseUnsignedInt(word.substring(2), 16);
            } else {
                value |= mask.get().bySpecName(word)
                        .orElseThrow(() -> new TtlvException("unknown mask bit \"" + word + "\" for " + namingTag.get().specName()))
                        .code();
            }
        }
        return value;
    }

    // ---------------------------------------------------------------- other numbers

    static long longValue(String text) throws TtlvException {
        if (HEX_LONG.matcher(text).matches()) {
            return Long.parseUnsignedLong(text.substring(2), 16);
        }
        if (DECIMAL.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new TtlvException("long integer out of range: " + text);
            }
        }
        throw new TtlvException("not a long integer: \"" + text + "\"");
    }

    static long intervalValue(String text) throws TtlvException {
        long value = HEX_INT.matcher(text).matches() ? Long.parseLong(text.substring(2), 16) : longValue(text);
        if (value < 0 || value > Ttlv.IntervalItem.MAX_SECONDS) {
            throw new TtlvException("interval out of range: " + text);
        }
        return value;
    }

    /** Big-endian two's complement, sign-extended to whole 8-byte words as in binary TTLV. */
    static String bigIntegerHex(BigInteger value) {
        return HEX.formatHex(TtlvBinary.bigIntegerBytes(value));
    }

    static BigInteger bigIntegerValue(String text) throws TtlvException {
        byte[] bytes = bytesValue(text.startsWith("0x") ? text.substring(2) : text);
        if (bytes.length == 0) {
            throw new TtlvException("empty BigInteger");
        }
        return new BigInteger(bytes);
    }

    // ---------------------------------------------------------------- bytes and booleans

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] bytesValue(String text) throws TtlvException {
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new TtlvException("not a hex byte string: \"" + abbreviate(text) + "\"");
        }
    }

    static boolean booleanValue(String text) throws TtlvException {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new TtlvException("not a boolean: \"" + abbreviate(text) + "\"");
        };
    }

    // ---------------------------------------------------------------- date-times

    static String dateTimeText(Instant value) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.atOffset(ZoneOffset.UTC));
    }

    /** ISO 8601 with an offset (as the test vectors write it), or 0x-hex seconds since the epoch. */
    static Instant dateTimeValue(String text) throws TtlvException {
        if (HEX_LONG.matcher(text).matches()) {
            long seconds = Long.parseUnsignedLong(text.substring(2), 16);
            if (!Ttlv.DateTimeItem.inRange(seconds)) {
                throw new TtlvException("date-time out of range: " + text);
            }
            return Instant.ofEpochSecond(seconds);
        }
        Instant instant = parseIso(text);
        if (instant.getNano() != 0) {
            throw new TtlvException("DateTime has fractional seconds: " + text);
        }
        return instant;
    }

    static String dateTimeExtendedText(long micros) {
        return dateTimeText(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
    }

    static long dateTimeExtendedValue(String text) throws TtlvException {
        if (HEX_LONG.matcher(text).matches()) {
            return Long.parseUnsignedLong(text.substring(2), 16);
        }
        Instant instant = parseIso(text);
        if (instant.getNano() % 1000 != 0) {
            throw new TtlvException("DateTimeExtended finer than microseconds: " + text);
        }
        long seconds = instant.getEpochSecond();
        long micros = instant.getNano() / 1000;
        if (seconds < 0 && micros > 0) {
            // Borrow a second so the product below stays in range near Long.MIN_VALUE microseconds.
            seconds += 1;
            micros -= 1_000_000;
        }
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
        } catch (ArithmeticException e) {
            throw new TtlvException("DateTimeExtended out of range: " + text);
        }
    }

    private static Instant parseIso(String text) throws TtlvException {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new TtlvException("not an ISO 8601 date-time with offset: \"" + abbreviate(text) + "\"");
        }
    }

    // ---------------------------------------------------------------- tags

    static String tagText(int tag) {
        return Tag.fromCode(tag).map(Tag::specName).orElseGet(() -> String.format("0x%06X", tag));
    }

    /** A tag by spec name or as "0x42xxxx"/"0x54xxxx". */
    static int tagValue(String text) throws TtlvException {
        if (text.length() == 8 && text.startsWith("0x") && HEX_INT.matcher(text).matches()) {
            int code = Integer.parseInt(text.substring(2), 16);
            if (Tag.isValidCode(code)) {
                return code;
            }
        }
        return Tag.fromSpecName(text).orElseThrow(() -> new TtlvException("unknown tag \"" + abbreviate(text) + "\"")).code();
    }

    static String hex32(int value) {
        return String.format("0x%08X", value);
    }

    /** Keeps error messages short when the offending input is large. */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
