package dev.donjon.server.crypto;

import dev.donjon.server.domain.object.KeyEncodings;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JcaKeyEncodingsTest {
    private final KeyEncodings encodings = new JcaKeyEncodings();

    private static KeyPair pair(String algorithm, Object parameter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (parameter instanceof Integer bits) {
            generator.initialize(bits);
        } else {
            generator.initialize((ECGenParameterSpec) parameter);
        }
        return generator.generateKeyPair();
    }

    @Test
    void anEcKeyTravelsAsPkcs8EcPrivateKeyAndNumbersAndComesBackTheSame() throws Exception {
        KeyPair ec = pair("EC", new ECGenParameterSpec("secp384r1"));
        byte[] pkcs8 = ec.getPrivate().getEncoded();

        byte[] rfc5915 = encodings.privateKeyEc(pkcs8);
        assertThat(encodings.isEcPrivateKey(rfc5915)).isTrue();
        assertThat(encodings.isPkcs8(rfc5915)).isFalse();
        KeyEncodings.PrivateNumbers numbers = encodings.privateNumbers(rfc5915);
        assertThat(numbers).isInstanceOfSatisfying(KeyEncodings.PrivateNumbers.Ec.class,
                n -> assertThat(n.curve()).isEqualTo(KeyEncodings.Curve.P_384));
        assertThat(encodings.privateNumbers(encodings.privateKeyPkcs8(numbers))).isEqualTo(numbers);

        KeyEncodings.PublicNumbers point = encodings.publicNumbers(ec.getPublic().getEncoded());
        assertThat(point).isInstanceOfSatisfying(KeyEncodings.PublicNumbers.Ec.class,
                p -> assertThat(p.point()).hasSize(1 + 2 * 48).startsWith((byte) 4));
        assertThat(encodings.publicKeySpki(point)).isEqualTo(ec.getPublic().getEncoded());
    }

    @Test
    void anRsaKeyTravelsAsPkcs1AndItsCrtNumbers() throws Exception {
        KeyPair rsa = pair("RSA", 2048);
        byte[] pkcs1 = encodings.privateKeyPkcs1(rsa.getPrivate().getEncoded());
        assertThat(encodings.isPkcs8(pkcs1)).isFalse();
        assertThat(encodings.privateKeyPkcs8(pkcs1)).isEqualTo(rsa.getPrivate().getEncoded());
        KeyEncodings.PrivateNumbers numbers = encodings.privateNumbers(pkcs1);
        assertThat(numbers).isInstanceOfSatisfying(KeyEncodings.PrivateNumbers.Rsa.class,
                n -> assertThat(n.crt()).isPresent());
        assertThat(encodings.privateKeyPkcs8(numbers)).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(encodings.publicKeySpki(encodings.publicKeyPkcs1(rsa.getPublic().getEncoded())))
                .isEqualTo(rsa.getPublic().getEncoded());
    }

    @Test
    void whatIsNoKeyOfTheKindAskedForIsUnconvertible() throws Exception {
        assertThatThrownBy(() -> encodings.privateKeyPkcs8(new byte[]{1, 2, 3}))
                .isInstanceOf(KeyEncodings.Unconvertible.class);
        byte[] rsaPrivate = pair("RSA", 2048).getPrivate().getEncoded();
        assertThatThrownBy(() -> encodings.privateKeyEc(rsaPrivate)).isInstanceOf(KeyEncodings.Unconvertible.class);
        byte[] point = new byte[33];  // a compressed-size point: only uncompressed points travel
        point[0] = 2;
        assertThatThrownBy(() -> encodings.publicKeySpki(new KeyEncodings.PublicNumbers.Ec(KeyEncodings.Curve.P_256,
                point))).isInstanceOf(KeyEncodings.Unconvertible.class);
    }
}
