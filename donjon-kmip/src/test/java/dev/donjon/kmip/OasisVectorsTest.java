package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OASIS KMIP 1.4 and 2.1 test-case file parses as TTLV-XML, and each message survives binary
 * and JSON round trips. The files are read from the shared reference folder, not copied here; when
 * it is missing the test is skipped, except in CI (CI=true), where that is a failure.
 */
@DisplayName("OASIS KMIP test vectors (TTLV-XML)")
class OasisVectorsTest {

    private static final Path VECTORS = locateVectors();

    /** Placeholders for values that vary per run; replaced by fixed values of the right type. */
    private static final Pattern DATE_PLACEHOLDER = Pattern.compile("type=\"DateTime\" value=\"\\$NOW([+-][0-9]+)?\"");
    private static final Pattern BYTES_PLACEHOLDER = Pattern.compile("type=\"ByteString\" value=\"\\$([A-Z_0-9]+)\"");
    private static final long NOW = 1_700_000_000L;

    private static Path locateVectors() {
        // The module directory is the working directory under Maven; the shared folder sits beside the repository.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/kmip/vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static Stream<Path> vectorFiles() throws IOException {
        if (VECTORS == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("shared/reference/kmip/vectors not found and CI=true");
            }
            return Stream.of((Path) null);
        }
        try (Stream<Path> files = Files.walk(VECTORS)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            assertThat(list).hasSizeGreaterThan(100);
            return list.stream();
        }
    }

    static String withPlaceholdersFilled(String xml) {
        Matcher dates = DATE_PLACEHOLDER.matcher(xml);
        xml = dates.replaceAll(m -> {
            long seconds = NOW + (m.group(1) == null ? 0 : Long.parseLong(m.group(1)));
            return "type=\"DateTime\" value=\"" + TextValues.dateTimeText(Instant.ofEpochSecond(seconds)) + "\"";
        });
        return BYTES_PLACEHOLDER.matcher(xml).replaceAll(m ->
                "type=\"ByteString\" value=\"" + HexFormat.of().formatHex(m.group(1).getBytes(StandardCharsets.US_ASCII)) + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void parsesAndRoundTripsThroughBinaryXmlAndJson(Path file) throws IOException, TtlvException {
        assumeTrue(file != null, "shared/reference/kmip/vectors not present; skipped outside CI");
        String xml = withPlaceholdersFilled(Files.readString(file));
        List<Ttlv> messages = TtlvXml.decodeAll(xml, TtlvLimits.ofMaxMessageBytes(16 << 20));

        assertThat(messages).isNotEmpty();
        for (Ttlv message : messages) {
            assertThat(message.knownTag()).hasValueSatisfying(tag -> assertThat(tag).isIn(Tag.REQUEST_MESSAGE, Tag.RESPONSE_MESSAGE));
            assertThat(TtlvBinary.decode(TtlvBinary.encode(message))).isEqualTo(message);
            assertThat(TtlvXml.decode(TtlvXml.encode(message))).isEqualTo(message);
            assertThat(TtlvJson.decode(TtlvJson.encode(message))).isEqualTo(message);
        }
    }
}
