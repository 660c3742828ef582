package dev.donjon.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the binary decoder. Without JAZZER_FUZZ=1 this runs the seed inputs under
 * {@code TtlvBinaryFuzzTestInputs/} only; with it, Jazzer explores new inputs.
 */
class TtlvBinaryFuzzTest {

    private static final TtlvLimits LIMITS = TtlvLimits.ofMaxMessageBytes(64 * 1024);

    /** Any input either decodes to a tree that re-encodes to the same tree, or fails with TtlvException. */
    @FuzzTest(maxDuration = "30s")
    void decoderThrowsOnlyTtlvException(byte[] input) {
        Ttlv decoded;
        try {
            decoded = TtlvBinary.decode(input, LIMITS);
        } catch (TtlvException expected) {
            return;
        }
        try {
            assertThat(TtlvBinary.decode(TtlvBinary.encode(decoded), LIMITS)).isEqualTo(decoded);
        } catch (TtlvException e) {
            throw new AssertionError("re-encoding a decoded tree produced undecodable bytes", e);
        }
    }
}
