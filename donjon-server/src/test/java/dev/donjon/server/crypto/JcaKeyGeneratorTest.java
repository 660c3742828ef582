package dev.donjon.server.crypto;

import dev.donjon.server.domain.DomainException;
import dev.donjon.server.domain.object.KeyGenerator.AsymmetricAlgorithm;
import dev.donjon.server.domain.object.KeyGenerator.KeyPairMaterial;
import dev.donjon.server.domain.object.KeyGenerator.SymmetricAlgorithm;
import dev.donjon.server.domain.keys.Plaintext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JcaKeyGeneratorTest {
    private final RsaKeyPairPool pool = new RsaKeyPairPool(new SecureRandom(), false);
    private final JcaKeyGenerator generator = new JcaKeyGenerator(new SecureRandom(), pool);

    @AfterEach
    void closePool() {
        pool.close();
    }

    @ParameterizedTest
    @CsvSource({"AES,128", "AES,192", "AES,256", "HMAC_SHA256,256", "HMAC_SHA512,512"})
    void symmetricKeysHaveTheRequestedLength(SymmetricAlgorithm algorithm, int bits) {
        try (Plaintext key = generator.symmetric(algorithm, bits)) {
            assertThat(key.length()).isEqualTo(bits / 8);
        }
    }

    @Test
    void twoKeysDiffer() {
        try (Plaintext a = generator.symmetric(SymmetricAlgorithm.AES, 256);
             Plaintext b = generator.symmetric(SymmetricAlgorithm.AES, 256)) {
            assertThat(a.bytes()).isNotEqualTo(b.bytes());
        }
    }

    @Test
    void impossibleLengthsAreInvalidInput() {
        assertThatThrownBy(() -> generator.symmetric(SymmetricAlgorithm.AES, 100))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> generator.keyPair(AsymmetricAlgorithm.RSA, 1024, null))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> generator.keyPair(AsymmetricAlgorithm.EC, 521, null))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void rsaPairsArePemWithAPublicKeyTheJdkParses() throws Exception {
        try (KeyPairMaterial pair = generator.keyPair(AsymmetricAlgorithm.RSA, 2048, null)) {
            String publicPem = new String(pair.publicKey().bytes(), StandardCharsets.US_ASCII);
            assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(new String(pair.privateKey().bytes(), StandardCharsets.US_ASCII))
                    .startsWith("-----BEGIN PRIVATE KEY-----");
            var key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(publicPem)));
            assertThat(((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength()).isEqualTo(2048);
        }
    }

    @Test
    void passphraseEncryptsThePrivateKey() throws Exception {
        try (KeyPairMaterial pair = generator.keyPair(AsymmetricAlgorithm.EC, 256, "changeit".toCharArray())) {
            String pem = new String(pair.privateKey().bytes(), StandardCharsets.US_ASCII);
            assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                var encrypted = (PKCS8EncryptedPrivateKeyInfo) parser.readObject();
                PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider()).build("changeit".toCharArray()));
                assertThat(info.getPrivateKeyAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.2.1");
            }
        }
    }

    @Test
    void dsaPairsAreGeneratedIn2048And3072BitsOnly() throws Exception {
        for (int bits : new int[]{2048, 3072}) {
            try (KeyPairMaterial pair = generator.keyPair(AsymmetricAlgorithm.DSA, bits, null)) {
                String publicPem = new String(pair.publicKey().bytes(), StandardCharsets.US_ASCII);
                var key = KeyFactory.getInstance("DSA").generatePublic(new X509EncodedKeySpec(der(publicPem)));
                assertThat(((java.security.interfaces.DSAPublicKey) key).getParams().getP().bitLength())
                        .isEqualTo(bits);
            }
        }
        assertThatThrownBy(() -> generator.keyPair(AsymmetricAlgorithm.DSA, 1024, null))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void ed25519PairsAreGenerated() throws Exception {
        try (KeyPairMaterial pair = generator.keyPair(AsymmetricAlgorithm.ED25519, 0, null)) {
            String publicPem = new String(pair.publicKey().bytes(), StandardCharsets.US_ASCII);
            assertThat(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(publicPem)))
                    .getAlgorithm()).isIn("EdDSA", "Ed25519");
        }
    }

    @Test
    void aWarmPoolHandsOutPregeneratedPairsAndAColdOneGeneratesInline() throws Exception {
        try (RsaKeyPairPool warm = new RsaKeyPairPool(new SecureRandom(), true)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (warm.available(RsaKeyPairPool.Size.RSA_2048) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(warm.available(RsaKeyPairPool.Size.RSA_2048)).isGreaterThanOrEqualTo(2);
            int before = warm.available(RsaKeyPairPool.Size.RSA_2048);
            assertThat(warm.take(2048).getPublic().getAlgorithm()).isEqualTo("RSA");
            assertThat(warm.available(RsaKeyPairPool.Size.RSA_2048)).isLessThanOrEqualTo(before);
        }
        assertThat(pool.take(2048)).isNotNull();
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
