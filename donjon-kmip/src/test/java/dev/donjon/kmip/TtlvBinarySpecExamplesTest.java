package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.donjon.kmip.Ttlv.BigIntegerItem;
import dev.donjon.kmip.Ttlv.BooleanItem;
import dev.donjon.kmip.Ttlv.BytesItem;
import dev.donjon.kmip.Ttlv.DateTimeItem;
import dev.donjon.kmip.Ttlv.EnumerationItem;
import dev.donjon.kmip.Ttlv.IntegerItem;
import dev.donjon.kmip.Ttlv.IntervalItem;
import dev.donjon.kmip.Ttlv.LongItem;
import dev.donjon.kmip.Ttlv.Structure;
import dev.donjon.kmip.Ttlv.TextItem;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Binary TTLV reproduces the encoding examples of KMIP 1.4 §9.1.2")
class TtlvBinarySpecExamplesTest {

    private static final int TAG = 0x420020;

    /** What each example in the resource file encodes, keyed by the example's name. */
    private static final Map<String, Ttlv> EXPECTED = Map.of(
            "Integer 8", new IntegerItem(TAG, 8),
            "LongInteger 123456789000000000", new LongItem(TAG, 123456789000000000L),
            "BigInteger 1234567890000000000000000000", new BigIntegerItem(TAG, new BigInteger("1234567890000000000000000000")),
            "Enumeration 255", new EnumerationItem(TAG, 255),
            "Boolean true", new BooleanItem(TAG, true),
            "TextString Hello World", new TextItem(TAG, "Hello World"),
            "ByteString 010203", new BytesItem(TAG, new byte[] {1, 2, 3}),
            "DateTime 2008-03-14T11:56:40Z", new DateTimeItem(TAG, Instant.parse("2008-03-14T11:56:40Z")),
            "Interval 10 days", new IntervalItem(TAG, 10 * 24 * 3600),
            "Structure of Enumeration 254 and Integer 255",
            new Structure(TAG, List.of(new EnumerationItem(0x420004, 254), new IntegerItem(0x420005, 255))));

    static Stream<Arguments> examples() throws IOException {
        try (InputStream in = TtlvBinarySpecExamplesTest.class.getResourceAsStream("kmip-1.4-ttlv-examples.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> {
                        int colon = line.lastIndexOf(':');
                        String name = line.substring(0, colon).strip();
                        byte[] bytes = HexFormat.of().parseHex(line.substring(colon + 1).replaceAll("[\\s|]", ""));
                        return Arguments.of(name, bytes);
                    })
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void encodesAsTheSpecificationShows(String name, byte[] specBytes) {
        assertThat(EXPECTED).containsKey(name);
        assertThat(HexFormat.of().formatHex(TtlvBinary.encode(EXPECTED.get(name))))
                .isEqualTo(HexFormat.of().formatHex(specBytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void decodesWhatTheSpecificationShows(String name, byte[] specBytes) throws TtlvException {
        assertThat(TtlvBinary.decode(specBytes)).isEqualTo(EXPECTED.get(name));
    }

    @Test
    void everyExampleIsInTheResourceFile() throws IOException {
        assertThat(examples().map(a -> (String) a.get()[0])).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }
}
