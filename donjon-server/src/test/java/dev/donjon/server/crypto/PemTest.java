package dev.donjon.server.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Private key files: PKCS#8 as Donjon and OpenSSL write them, and the older PKCS#1 and SEC1 forms. */
class PemTest {
    @TempDir
    Path directory;

    @Test
    void anEcKeyWrittenAsPkcs8ReadsBackAsTheSameKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path file = directory.resolve("ec.pem");
        Pem.writePrivateKey(file, pair.getPrivate());

        PrivateKey read = Pem.readPrivateKey(file);

        assertThat(read.getAlgorithm()).isEqualTo("EC");
        assertThat(read.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void anRsaKeyWrittenAsPkcs8ReadsBackAsTheSameKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path file = directory.resolve("rsa.pem");
        Pem.writePrivateKey(file, pair.getPrivate());

        PrivateKey read = Pem.readPrivateKey(file);

        assertThat(read.getAlgorithm()).isEqualTo("RSA");
        assertThat(read.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void aSec1EcKeyIsStillRead() throws Exception {
        // A throwaway key from `openssl ecparam -genkey -name prime256v1 -noout`: the SEC1 form, read by BouncyCastle.
        String sec1 = """
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEEIGnvyOqg63SDxQQffa/s6cH/JL/dZin8Ch1SEloLYPfFoAoGCCqGSM49
                AwEHoUQDQgAEXS42Ua4wAh7m54O6/tPYW/Hl+SNGEcdruGJkvz3GqFCo7VGtv4yj
                tq/BOG19aWLN8a3Z1c8Zmd+UIFstJIWH5Q==
                -----END EC PRIVATE KEY-----
                """;
        Path file = directory.resolve("sec1.pem");
        Files.writeString(file, sec1, StandardCharsets.US_ASCII);

        assertThat(Pem.readPrivateKey(file).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void aFileWithoutAKeyIsRefusedWithItsName() throws Exception {
        Path file = directory.resolve("empty.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(new byte[]{1, 2})
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Pem.readPrivateKey(file)).hasMessageContaining("empty.pem");
    }
}
