package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.donjon.kmip.Ttlv.IntegerItem;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.Ttlv.TextItem;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Hostile binary input fails fast, with a TtlvException that says what and where, and allocates nothing big. */
@DisplayName("Binary TTLV decoder against hostile input")
class TtlvBinaryAdversarialTest {

    private static final TtlvLimits LIMITS = TtlvLimits.ofMaxMessageBytes(64 * 1024);
    private static final Duration QUICKLY = Duration.ofSeconds(1);

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    private static void assertRejected(byte[] input, String messagePart) {
        assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> TtlvBinary.decode(input, LIMITS))
                .isInstanceOf(TtlvException.class)
                .hasMessageContaining(messagePart));
    }

    @Test
    void aHeaderDeclaringFourGigabytesIsRejectedBeforeAnyBodyIsRead() {
        byte[] header = hex("420078 | 01 | FFFFFFF8");
        InputStream neverRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(header), neverRead);
        assertThatThrownBy(() -> TtlvBinary.readMessage(in, LIMITS))
                .isInstanceOf(TtlvException.class)
                .hasMessageContaining("declares 4294967288 bytes");
    }

    @Test
    void aChildDeclaringMoreBytesThanItsParentHoldsIsRejected() {
        assertRejected(hex("420078 01 00000010 | 420094 07 FFFFFFF0 | 0000000000000000"), "but only 8 remain");
    }

    @Test
    void deepNestingIsRejectedAtTheDepthLimit() {
        int depth = 1_000;
        ByteBuffer nested = ByteBuffer.allocate(8 * depth);
        for (int level = 0; level < depth; level++) {
            nested.put(hex("420078 01")).putInt(8 * (depth - level - 1));
        }
        assertRejected(nested.array(), "nests deeper than 32 levels");
    }

    @Test
    void everyTruncationOfAValidMessageIsRejected() {
        byte[] whole = TtlvBinary.encode(new Structure(Tag.REQUEST_MESSAGE,
                new IntegerItem(Tag.BATCH_COUNT, 1), new TextItem(Tag.UNIQUE_IDENTIFIER, "a key id")));
        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);
            assertTimeoutPreemptively(QUICKLY, () -> assertThatThrownBy(() -> TtlvBinary.decode(prefix, LIMITS))
                    .isInstanceOf(TtlvException.class));
        }
    }

    @Test
    void aMessageLargerThanTheLimitIsRejectedWhole() {
        assertRejected(new byte[LIMITS.maxMessageBytes() + 8], "exceeds the limit");
    }

    @Test
    void fixedSizeTypesMustDeclareTheirSize() {
        assertRejected(hex("420020 02 00000008 | 0000000800000000"), "Integer CompromiseDate (0x420020) at offset 0 has length 8, must be 4");
        assertRejected(hex("420020 06 00000004 | 0000000100000000"), "must be 8");
        assertRejected(hex("420020 04 00000004 | 0000000100000000"), "not a multiple of 8");
    }

    @Test
    void booleansAreZeroOrOne() {
        assertRejected(hex("420020 06 00000008 | 0000000000000002"), "must be 0 or 1");
    }

    @Test
    void textMustBeUtf8() {
        assertRejected(hex("420020 07 00000002 | C328000000000000"), "not valid UTF-8");
    }

    @Test
    void unknownTypesAndTagsOutsideTheKmipRangesAreRejected() {
        assertRejected(hex("420020 0C 00000000"), "unknown item type 0x0C");
        assertRejected(hex("430020 02 00000004 | 0000000800000000"), "invalid tag 0x430020 at offset 0");
    }

    @Test
    void trailingBytesAfterTheMessageAreRejected() {
        assertRejected(hex("420020 02 00000004 | 0000000800000000 | 00"), "trailing bytes");
    }

    @Test
    void nonZeroPaddingIsTolerated() throws TtlvException {
        assertThat(TtlvBinary.decode(hex("420020 02 00000004 | 00000008FFFFFFFF"), LIMITS))
                .isEqualTo(new IntegerItem(Tag.COMPROMISE_DATE, 8));
    }

    @Test
    void aStreamMustStartWithAStructure() {
        InputStream in = new ByteArrayInputStream(hex("420020 02 00000004 | 0000000800000000"));
        assertThatThrownBy(() -> TtlvBinary.readMessage(in, LIMITS))
                .isInstanceOf(TtlvException.class)
                .hasMessageContaining("expected a Structure");
    }

    @Test
    void aStreamEndingBetweenMessagesIsACleanEndAndInsideOneIsAnError() throws Exception {
        assertThat(TtlvBinary.readMessage(new ByteArrayInputStream(new byte[0]), LIMITS)).isEmpty();
        assertThatThrownBy(() -> TtlvBinary.readMessage(new ByteArrayInputStream(hex("420078 01 00")), LIMITS))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> TtlvBinary.readMessage(new ByteArrayInputStream(hex("420078 01 00000010 | 42")), LIMITS))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aStreamYieldsConsecutiveMessages() throws Exception {
        Ttlv message = new Structure(Tag.REQUEST_MESSAGE, new IntegerItem(Tag.BATCH_COUNT, 1));
        byte[] one = TtlvBinary.encode(message);
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(one), new ByteArrayInputStream(one));
        assertThat(TtlvBinary.readMessage(in, LIMITS)).contains(message);
        assertThat(TtlvBinary.readMessage(in, LIMITS)).contains(message);
        assertThat(TtlvBinary.readMessage(in, LIMITS)).isEmpty();
    }
}
