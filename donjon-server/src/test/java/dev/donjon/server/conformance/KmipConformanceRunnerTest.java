package dev.donjon.server.conformance;

import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.TtlvXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The runner itself: a simulated server that answers every request exactly as the vector expects (with its own
 * identifiers, dates and random bytes) must pass every vector, and real deviations must be caught.
 */
class KmipConformanceRunnerTest {
    private static final Path VECTORS = VectorFile.locate();
    private final KmipConformance runner = new KmipConformance(Clock.systemUTC());

    static Stream<VectorFile> vectors() {
        if (VECTORS == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("../shared/reference/kmip/vectors not found and CI=true");
            }
            return Stream.of((VectorFile) null);
        }
        return VectorFile.all(VECTORS).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void aServerAnsweringAsTheVectorSaysPasses(VectorFile vector) {
        assumeTrue(vector != null, "OASIS vectors not present; skipped outside CI");
        KmipConformance.Result result = runner.run(vector, new ScriptedServer(vector, null));
        assertThat(result.outcome()).as(result.summary()).isEqualTo(KmipConformance.Outcome.PASSED);
    }

    @Test
    void aWrongEnumerationIsCaught() {
        VectorFile vector = firstVector("SKLC-M-1-14");
        KmipConformance.Result result = runner.run(vector, new ScriptedServer(vector,
                xml -> xml.replace("value=\"PreActive\"", "value=\"Active\"")));
        assertThat(result.outcome()).isEqualTo(KmipConformance.Outcome.FAILED);
        assertThat(result.differences()).containsExactly(
                "ResponseMessage/BatchItem/ResponsePayload/Attribute: missing (expected Attribute[State, PreActive])",
                "ResponseMessage/BatchItem/ResponsePayload/Attribute: unexpected Attribute[State, Active]");
    }

    @Test
    void aMissingOrExtraAttributeIsCaught() {
        VectorFile vector = firstVector("SKLC-M-1-14");
        KmipConformance.Result missing = runner.run(vector, new ScriptedServer(vector,
                xml -> xml.replaceFirst("(?s)<Attribute>\\s*<AttributeName type=\"TextString\" "
                        + "value=\"Cryptographic Length\"/>.*?</Attribute>", "")));
        assertThat(missing.outcome()).isEqualTo(KmipConformance.Outcome.FAILED);
        assertThat(missing.differences()).anyMatch(d -> d.contains("missing"));
    }

    @Test
    void aDifferentIdentifierForTheSameObjectIsCaught() {
        VectorFile vector = firstVector("SKLC-M-1-14");
        int[] responses = {0};
        KmipConformance.Result result = runner.run(vector, new ScriptedServer(vector, xml ->
                responses[0]++ == 1 ? xml.replaceFirst("(UniqueIdentifier type=\"TextString\" value=\")[^\"]+",
                        "$1someone-else") : xml));
        assertThat(result.outcome()).isEqualTo(KmipConformance.Outcome.FAILED);
        assertThat(result.differences()).anyMatch(d -> d.contains("$UNIQUE_IDENTIFIER_0"));
    }

    @Test
    void attributeOrderAndMaskNameOrderDoNotMatter() {
        XmlTree expected = XmlTree.parse("""
                <P><A><N type="TextString" value="x"/></A><A><N type="TextString" value="y"/></A>
                <M type="Integer" value="Decrypt Encrypt"/></P>""");
        XmlTree actual = XmlTree.parse("""
                <P><M type="Integer" value="Encrypt Decrypt"/><A><N type="TextString" value="y"/></A>
                <A><N type="TextString" value="x"/></A></P>""");
        assertThat(ResponseMatcher.compare(expected, actual, new Bindings())).isEmpty();
    }

    private static VectorFile firstVector(String name) {
        assumeTrue(VECTORS != null, "OASIS vectors not present");
        return VectorFile.all(VECTORS).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Answers the n-th request with the n-th expected response, its placeholders filled with fresh values of the
     * right type, consistently within the run; {@code tamper} edits the XML before it is sent.
     */
    private static final class ScriptedServer implements KmipConformance.Transport {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final VectorFile vector;
        private final java.util.function.UnaryOperator<String> tamper;
        private final java.util.Map<String, String> own = new java.util.HashMap<>();
        private int next;

        ScriptedServer(VectorFile vector, java.util.function.UnaryOperator<String> tamper) {
            this.vector = vector;
            this.tamper = tamper == null ? xml -> xml : tamper;
        }

        @Override
        public Ttlv exchange(Ttlv request) throws dev.donjon.kmip.TtlvException {
            XmlTree response = fill(vector.exchanges().get(next++).expectedResponse());
            return TtlvXml.decode(tamper.apply(response.toXml()));
        }

        private XmlTree fill(XmlTree template) {
            List<XmlTree> children = template.children().stream().map(this::fill).toList();
            XmlTree filled = template.withChildren(children);
            if (!template.isPlaceholder()) {
                return filled;
            }
            if (Bindings.isNow(template.value())) {
                return filled.withValue("2026-11-25T12:00:00+00:00");
            }
            return filled.withValue(own.computeIfAbsent(template.value(), placeholder -> switch (template.type()) {
                case "ByteString" -> HexFormat.of().formatHex(randomBytes());
                case "Integer" -> Integer.toString(RANDOM.nextInt(1, 1000));
                default -> UUID.randomUUID().toString();
            }));
        }

        private static byte[] randomBytes() {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            return bytes;
        }
    }
}
