package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesKeyWrapTest {
    record Vector(byte[] kek, byte[] key, byte[] wrapped) {
    }

    static List<Vector> rfc5649() throws IOException {
        try (InputStream in = AesKeyWrapTest.class.getResourceAsStream("/crypto/rfc5649-vectors.txt")) {
            HexFormat hex = HexFormat.of();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+"))
                    .map(f -> new Vector(hex.parseHex(f[0]), hex.parseHex(f[1]), hex.parseHex(f[2])))
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("rfc5649")
    void wrapsAsRfc5649Specifies(Vector vector) {
        assertThat(AesKeyWrap.wrap(new SecretKeySpec(vector.kek(), "AES"), vector.key())).isEqualTo(vector.wrapped());
    }

    @ParameterizedTest
    @MethodSource("rfc5649")
    void unwrapsRfc5649Output(Vector vector) {
        assertThat(AesKeyWrap.unwrap(new SecretKeySpec(vector.kek(), "AES"), vector.wrapped())).isEqualTo(vector.key());
    }

    @ParameterizedTest
    @MethodSource("rfc5649")
    void aTamperedWrapFailsItsIntegrityCheck(Vector vector) {
        byte[] tampered = vector.wrapped().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> AesKeyWrap.unwrap(new SecretKeySpec(vector.kek(), "AES"), tampered))
                .isInstanceOf(DomainException.Integrity.class);
    }
}
