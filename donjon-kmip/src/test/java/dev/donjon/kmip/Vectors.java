package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OASIS KMIP 1.4 and 2.1 test-case files, read from the shared reference folder beside the
 * repository (never copied in). Missing vectors skip the tests that need them, except under CI=true,
 * where they are a failure.
 */
public final class Vectors {

    public static final Path DIRECTORY = locate();

    private static final Pattern DATE_PLACEHOLDER = Pattern.compile("type=\"DateTime\" value=\"\\$NOW([+-][0-9]+)?\"");
    private static final Pattern BYTES_PLACEHOLDER = Pattern.compile("type=\"ByteString\" value=\"\\$([A-Z_0-9]+)\"");
    private static final long NOW = 1_700_000_000L;

    private Vectors() {
    }

    private static Path locate() {
        // Maven runs tests in the module directory; the shared folder sits beside the repository.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/kmip/vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** The vector files, or a single null (for the test to skip on) when they are absent outside CI. */
    public static Stream<Path> files() {
        if (DIRECTORY == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("shared/reference/kmip/vectors not found and CI=true");
            }
            return Stream.of((Path) null);
        }
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            assertThat(list).hasSizeGreaterThan(100);
            return list.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of one file, with the per-run placeholders ($NOW, $UNIQUE_IDENTIFIER_0...) filled with fixed values. */
    public static List<Ttlv> messages(Path file) throws IOException, TtlvException {
        String xml = Files.readString(file);
        xml = DATE_PLACEHOLDER.matcher(xml).replaceAll(m -> {
            long seconds = NOW + (m.group(1) == null ? 0 : Long.parseLong(m.group(1)));
            return "type=\"DateTime\" value=\"" + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds)) + "\"";
        });
        xml = BYTES_PLACEHOLDER.matcher(xml).replaceAll(m ->
                "type=\"ByteString\" value=\"" + HexFormat.of().formatHex(m.group(1).getBytes(StandardCharsets.US_ASCII)) + "\"");
        return TtlvXml.decodeAll(xml, TtlvLimits.ofMaxMessageBytes(16 << 20));
    }
}
