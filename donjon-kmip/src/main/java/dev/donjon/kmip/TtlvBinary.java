package dev.donjon.kmip;

import dev.donjon.kmip.Ttlv.BigIntegerItem;
import dev.donjon.kmip.Ttlv.BooleanItem;
import dev.donjon.kmip.Ttlv.BytesItem;
import dev.donjon.kmip.Ttlv.DateTimeExtendedItem;
import dev.donjon.kmip.Ttlv.DateTimeItem;
import dev.donjon.kmip.Ttlv.EnumerationItem;
import dev.donjon.kmip.Ttlv.IntegerItem;
import dev.donjon.kmip.Ttlv.IntervalItem;
import dev.donjon.kmip.Ttlv.LongItem;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.Ttlv.TextItem;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary TTLV encoding of KMIP 1.4 §9.1: 3-byte tag, 1-byte type, 4-byte length, value padded
 * to a multiple of 8 bytes, all big-endian.
 *
 * <p>The decoder treats its input as hostile: every declared length is checked against the bytes
 * that remain before anything is allocated, nesting is bounded, fixed-size types must declare their
 * size, and every failure is a {@link TtlvException} naming the offset and tag.
 */
public final class TtlvBinary {

    private static final int HEADER = 8;

    private TtlvBinary() {
    }

    // ---------------------------------------------------------------- encoding

    public static byte[] encode(Ttlv item) {
        long size = encodedSize(item);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("item too large to encode: " + size + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        write(item, out);
        return out.array();
    }

    /** Size on the wire, header and padding included. */
    public static long encodedSize(Ttlv item) {
        return HEADER + padded(valueLength(item));
    }

    private static long valueLength(Ttlv item) {
        return switch (item) {
            case Structure s -> {
                long sum = 0;
                for (Ttlv child : s.children()) {
                    sum += encodedSize(child);
                }
                yield sum;
            }
            case IntegerItem i -> 4;
            case LongItem l -> 8;
            case BigIntegerItem b -> bigIntegerBytes(b.value()).length;
            case EnumerationItem e -> 4;
            case BooleanItem b -> 8;
            case TextItem t -> utf8(t.value()).length;
            case BytesItem b -> b.length();
            case DateTimeItem d -> 8;
            case IntervalItem i -> 4;
            case DateTimeExtendedItem d -> 8;
        };
    }

    /**
     * Writes {@code item} in one pass: a structure's length is filled in once its children are written, and a text is
     * converted to UTF-8 once. (Asking each structure for its length first measured every item again at each level
     * above it, text conversions included.) {@link #encode} has checked the whole size, so every length fits.
     */
    private static void write(Ttlv item, ByteBuffer out) {
        out.put((byte) (item.tag() >>> 16)).put((byte) (item.tag() >>> 8)).put((byte) item.tag());
        out.put((byte) item.type().code());
        int lengthAt = out.position();
        out.putInt(0);
        int start = out.position();
        switch (item) {
            case Structure s -> {
                for (Ttlv child : s.children()) {
                    write(child, out);
                }
            }
            case IntegerItem i -> out.putInt(i.value());
            case LongItem l -> out.putLong(l.value());
            case BigIntegerItem b -> out.put(bigIntegerBytes(b.value()));
            case EnumerationItem e -> out.putInt(e.value());
            case BooleanItem b -> out.putLong(b.value() ? 1 : 0);
            case TextItem t -> out.put(utf8(t.value()));
            case BytesItem b -> out.put(b.value());
            case DateTimeItem d -> out.putLong(d.value().getEpochSecond());
            case IntervalItem i -> out.putInt((int) i.seconds());
            case DateTimeExtendedItem d -> out.putLong(d.micros());
        }
        // Every child ends on an 8-byte boundary, so a structure's length is already padded.
        int length = out.position() - start;
        out.putInt(lengthAt, length);
        int end = start + (int) padded(length);
        while (out.position() < end) {
            out.put((byte) 0);
        }
    }

    /** Two's complement, sign-extended to a multiple of 8 bytes as §9.1.1.4 requires. */
    static byte[] bigIntegerBytes(BigInteger value) {
        byte[] minimal = value.toByteArray();
        int length = (int) padded(minimal.length);
        byte[] out = new byte[length];
        byte fill = (byte) (value.signum() < 0 ? 0xFF : 0x00);
        int pad = length - minimal.length;
        for (int i = 0; i < pad; i++) {
            out[i] = fill;
        }
        System.arraycopy(minimal, 0, out, pad, minimal.length);
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long padded(long length) {
        return (length + 7) & ~7L;
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes exactly one item filling all of {@code bytes}. */
    public static Ttlv decode(byte[] bytes, TtlvLimits limits) throws TtlvException {
        if (bytes.length > limits.maxMessageBytes()) {
            throw new TtlvException("message of " + bytes.length + " bytes exceeds the limit of " + limits.maxMessageBytes());
        }
        Decoder decoder = new Decoder(bytes, limits.maxDepth());
        Ttlv item = decoder.item(bytes.length, 1);
        if (decoder.pos != bytes.length) {
            throw new TtlvException((bytes.length - decoder.pos) + " trailing bytes after the item at offset " + decoder.pos);
        }
        return item;
    }

    public static Ttlv decode(byte[] bytes) throws TtlvException {
        return decode(bytes, TtlvLimits.DEFAULT);
    }

    /**
     * Reads one message from a stream: the 8-byte header first, which must announce a Structure no
     * larger than the limit, then exactly the announced body. Returns empty if the stream ends
     * cleanly before the first header byte (the peer closed the connection between messages).
     *
     * @throws EOFException if the stream ends inside a message
     * @throws TtlvException if the header or the body is invalid
     */
    public static Optional<Ttlv> readMessage(InputStream in, TtlvLimits limits) throws IOException, TtlvException {
        byte[] header = new byte[HEADER];
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        header[0] = (byte) first;
        int got = in.readNBytes(header, 1, HEADER - 1);
        if (got != HEADER - 1) {
            throw new EOFException("stream ended inside a TTLV header (" + (got + 1) + " of 8 bytes)");
        }
        int tag = ((header[0] & 0xFF) << 16) | ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
        if (!Tag.isValidCode(tag)) {
            throw new TtlvException(String.format("invalid tag 0x%06X in message header", tag));
        }
        if (header[3] != ItemType.STRUCTURE.code()) {
            throw new TtlvException(String.format("message %s has type 0x%02X, expected a Structure", hexTag(tag), header[3] & 0xFF));
        }
        long length = ByteBuffer.wrap(header, 4, 4).getInt() & 0xFFFF_FFFFL;
        if (length > limits.maxMessageBytes() - HEADER) {
            throw new TtlvException("message " + hexTag(tag) + " declares " + length + " bytes, more than the limit of "
                    + limits.maxMessageBytes());
        }
        if (length % 8 != 0) {
            throw new TtlvException("message " + hexTag(tag) + " declares length " + length + ", not a multiple of 8");
        }
        byte[] message = new byte[HEADER + (int) length];
        System.arraycopy(header, 0, message, 0, HEADER);
        int body = in.readNBytes(message, HEADER, (int) length);
        if (body != length) {
            throw new EOFException("stream ended after " + body + " of " + length + " body bytes of message " + hexTag(tag));
        }
        return Optional.of(decode(message, limits));
    }

    private static String hexTag(int tag) {
        return Tag.fromCode(tag).map(t -> t.specName() + String.format(" (0x%06X)", tag)).orElseGet(() -> String.format("0x%06X", tag));
    }

    /** Cursor over the input; one instance per decode call. */
    private static final class Decoder {
        private final ByteBuffer in;
        private final int maxDepth;
        private int pos;

        Decoder(byte[] bytes, int maxDepth) {
            this.in = ByteBuffer.wrap(bytes);
            this.maxDepth = maxDepth;
        }

        /** Reads the item at {@link #pos}, which must end at or before {@code end}. */
        Ttlv item(int end, int depth) throws TtlvException {
            int at = pos;
            if (end - at < HEADER) {
                throw new TtlvException("truncated item header at offset " + at + ": " + (end - at) + " bytes left, 8 needed");
            }
            int tag = ((in.get(at) & 0xFF) << 16) | ((in.get(at + 1) & 0xFF) << 8) | (in.get(at + 2) & 0xFF);
            if (!Tag.isValidCode(tag)) {
                throw new TtlvException(String.format("invalid tag 0x%06X at offset %d", tag, at));
            }
            int typeCode = in.get(at + 3) & 0xFF;
            ItemType type = ItemType.fromCode(typeCode).orElseThrow(() -> new TtlvException(
                    String.format("unknown item type 0x%02X for %s at offset %d", typeCode, hexTag(tag), at)));
            long length = in.getInt(at + 4) & 0xFFFF_FFFFL;
            long available = end - at - HEADER;
            long paddedLength = padded(length);
            if (paddedLength > available) {
                throw new TtlvException(String.format("%s at offset %d declares %d bytes (%d padded) but only %d remain",
                        hexTag(tag), at, length, paddedLength, available));
            }
            checkLength(type, length, tag, at);
            int valueAt = at + HEADER;
            int len = (int) length;
            pos = valueAt + (int) paddedLength;
            return switch (type) {
                case STRUCTURE -> structure(tag, valueAt, len, depth, at);
                case INTEGER -> new IntegerItem(tag, in.getInt(valueAt));
                case LONG_INTEGER -> new LongItem(tag, in.getLong(valueAt));
                case BIG_INTEGER -> new BigIntegerItem(tag, new BigInteger(bytes(valueAt, len)));
                case ENUMERATION -> new EnumerationItem(tag, in.getInt(valueAt));
                case BOOLEAN -> new BooleanItem(tag, bool(in.getLong(valueAt), tag, at));
                case TEXT_STRING -> new TextItem(tag, text(valueAt, len, tag, at));
                case BYTE_STRING -> new BytesItem(tag, bytes(valueAt, len));
                case DATE_TIME -> new DateTimeItem(tag, dateTime(in.getLong(valueAt), tag, at));
                case INTERVAL -> new IntervalItem(tag, in.getInt(valueAt) & 0xFFFF_FFFFL);
                case DATE_TIME_EXTENDED -> new DateTimeExtendedItem(tag, in.getLong(valueAt));
            };
        }

        private Structure structure(int tag, int valueAt, int length, int depth, int at) throws TtlvException {
            if (depth > maxDepth) {
                throw new TtlvException(String.format("%s at offset %d nests deeper than %d levels", hexTag(tag), at, maxDepth));
            }
            int end = valueAt + length;
            pos = valueAt;
            List<Ttlv> children = new ArrayList<>();
            while (pos < end) {
                children.add(item(end, depth + 1));
            }
            return new Structure(tag, children);
        }

        private static void checkLength(ItemType type, long length, int tag, int at) throws TtlvException {
            long expected = switch (type) {
                case INTEGER, ENUMERATION, INTERVAL -> 4;
                case LONG_INTEGER, BOOLEAN, DATE_TIME, DATE_TIME_EXTENDED -> 8;
                case STRUCTURE, BIG_INTEGER, TEXT_STRING, BYTE_STRING -> -1;
            };
            if (expected >= 0 && length != expected) {
                throw new TtlvException(String.format("%s %s at offset %d has length %d, must be %d",
                        type.specName(), hexTag(tag), at, length, expected));
            }
            // Structures hold whole padded items; Big Integers are sign-extended to whole 8-byte words.
            if ((type == ItemType.STRUCTURE || type == ItemType.BIG_INTEGER) && length % 8 != 0) {
                throw new TtlvException(String.format("%s %s at offset %d has length %d, not a multiple of 8",
                        type.specName(), hexTag(tag), at, length));
            }
            if (type == ItemType.BIG_INTEGER && length == 0) {
                throw new TtlvException(String.format("BigInteger %s at offset %d is empty", hexTag(tag), at));
            }
        }

        private byte[] bytes(int at, int length) {
            byte[] out = new byte[length];
            in.get(at, out);
            return out;
        }

        private static boolean bool(long value, int tag, int at) throws TtlvException {
            if (value == 0) {
                return false;
            }
            if (value == 1) {
                return true;
            }
            throw new TtlvException(String.format("Boolean %s at offset %d has value %d, must be 0 or 1", hexTag(tag), at, value));
        }

        private String text(int at, int length, int tag, int itemAt) throws TtlvException {
            try {
                CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(in.slice(at, length));
                return chars.toString();
            } catch (CharacterCodingException e) {
                throw new TtlvException(String.format("TextString %s at offset %d is not valid UTF-8", hexTag(tag), itemAt), e);
            }
        }

        private static Instant dateTime(long seconds, int tag, int at) throws TtlvException {
            if (!DateTimeItem.inRange(seconds)) {
                throw new TtlvException(String.format("DateTime %s at offset %d is out of range: %d", hexTag(tag), at, seconds));
            }
            return Instant.ofEpochSecond(seconds);
        }
    }
}
