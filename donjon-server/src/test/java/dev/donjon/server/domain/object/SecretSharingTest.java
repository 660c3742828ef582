package dev.donjon.server.domain.object;

import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSharingTest {
    private final SecureRandom random = new SecureRandom();

    @ParameterizedTest
    @EnumSource(value = SecretSharing.Method.class, names = {"PRIME_FIELD", "GF_2_8", "GF_2_16"})
    void everySetOfThresholdPartsRebuildsTheSecretAndFewerDoNot(SecretSharing.Method method) {
        for (int length : new int[]{1, 16, 33}) {
            byte[] secret = new byte[length];
            random.nextBytes(secret);
            secret[0] |= (byte) 0x80;  // a leading one bit: the prime field must hold the full length
            BigInteger prime = SecretSharing.primeFor(length * 8);
            List<SecretSharing.Share> shares = new ArrayList<>(SecretSharing.split(method, secret, 6, 4, prime, random));
            for (int round = 0; round < 5; round++) {
                Collections.shuffle(shares, random);
                assertThat(SecretSharing.join(method, shares.subList(0, 4), 4, prime, length)).isEqualTo(secret);
            }
            assertThatThrownBy(() -> SecretSharing.join(method, shares.subList(0, 3), 4, prime, length))
                    .isInstanceOf(DomainException.InvalidInput.class);
        }
    }

    @Test
    void xorNeedsEveryPart() {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        List<SecretSharing.Share> shares = SecretSharing.split(SecretSharing.Method.XOR, secret, 3, 3, null, random);
        assertThat(SecretSharing.join(SecretSharing.Method.XOR, shares, 3, null, 24)).isEqualTo(secret);
        assertThat(shares).noneMatch(share -> java.util.Arrays.equals(share.value(), secret));
        assertThatThrownBy(() -> SecretSharing.split(SecretSharing.Method.XOR, secret, 3, 2, null, random))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void gf256MultiplicationIsTheAesField() {
        // FIPS 197 §4.2: {57} • {83} = {c1}.
        assertThat(SecretSharing.gfMultiply(0x57, 0x83)).isEqualTo(0xC1);
    }

    @Test
    void gf65536IsTheFieldOfKmip14Section225() {
        // y^2 = y + m, m = {3A}: y is (u, v) = (1, 0).
        assertThat(SecretSharing.gf16Multiply(0x0100, 0x0100)).isEqualTo(0x013A);
        // Every non-zero element has the §2.2.5 inverse, and the product is commutative and associative.
        for (int a = 1; a < 1 << 16; a++) {
            assertThat(SecretSharing.gf16Multiply(a, SecretSharing.gf16Inverse(a))).as("a = %04x", a).isEqualTo(1);
        }
        for (int round = 0; round < 1000; round++) {
            int a = random.nextInt(1 << 16);
            int b = random.nextInt(1 << 16);
            int c = random.nextInt(1 << 16);
            assertThat(SecretSharing.gf16Multiply(a, b)).isEqualTo(SecretSharing.gf16Multiply(b, a));
            assertThat(SecretSharing.gf16Multiply(SecretSharing.gf16Multiply(a, b), c))
                    .isEqualTo(SecretSharing.gf16Multiply(a, SecretSharing.gf16Multiply(b, c)));
            assertThat(SecretSharing.gf16Multiply(a, b ^ c))
                    .isEqualTo(SecretSharing.gf16Multiply(a, b) ^ SecretSharing.gf16Multiply(a, c));
        }
    }

    @Test
    void gf65536SharesArePiecesOf16BitsAndAnOddSecretIsPadded() {
        byte[] secret = {0x12, 0x34, 0x56};
        List<SecretSharing.Share> shares = SecretSharing.split(SecretSharing.Method.GF_2_16, secret, 3, 2, null, random);
        assertThat(shares).allMatch(share -> share.value().length == 4);
        assertThat(SecretSharing.join(SecretSharing.Method.GF_2_16, List.of(shares.get(2), shares.get(0)), 2, null, 3))
                .isEqualTo(secret);
    }
}
