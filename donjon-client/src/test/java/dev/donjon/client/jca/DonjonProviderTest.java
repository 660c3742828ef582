package dev.donjon.client.jca;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.client.KmipClient;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.app.DevMode;
import dev.donjon.server.app.TestServer;
import dev.donjon.server.crypto.DevPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application using Donjon only through the JCA: the key store lists and loads keys by name, and Cipher,
 * Signature and Mac run on a real server over KMIP; the JDK's own providers check the results with the same keys.
 */
class DonjonProviderTest {
    private static final byte[] MESSAGE = "pay 100 EUR to account 42".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;
    static TestServer server;
    static byte[] aesMaterial;
    static byte[] hmacMaterial;

    /** Keys made as an administrator would, over KMIP; the test's application then sees only JCA. */
    @BeforeAll
    static void start() throws Exception {
        server = TestServer.sqlite(dataDir);
        try (KmipClient kmip = KmipClient.connect(KmipClient.Config.of("127.0.0.1", server.kmipPort(),
                server.kmipClientTls()))) {
            String aes = kmip.createSymmetricKey(CryptographicAlgorithm.AES, 256, Optional.of("payments-key"),
                    CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
            String hmac = kmip.createSymmetricKey(CryptographicAlgorithm.HMAC_SHA256, 256, Optional.of("webhook-mac"),
                    CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.MAC_VERIFY);
            ResponsePayload.CreateKeyPair pair = kmip.call(new RequestPayload.CreateKeyPair(
                    Optional.of(Attributes.EMPTY.withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA)
                            .withInteger(Tag.CRYPTOGRAPHIC_LENGTH, 2048)),
                    Optional.of(Attributes.of(Attribute.name("signer"))
                            .withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.SIGN.code())),
                    Optional.of(Attributes.of(Attribute.name("signer.pub"))
                            .withInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, CryptographicUsageMask.VERIFY.code()))),
                    ResponsePayload.CreateKeyPair.class);
            for (String id : new String[] {aes, hmac, pair.privateKeyUniqueIdentifier(),
                    pair.publicKeyUniqueIdentifier()}) {
                kmip.activate(id);
            }
            aesMaterial = material(kmip, aes);
            hmacMaterial = material(kmip, hmac);
        }
    }

    private static byte[] material(KmipClient kmip, String id) throws Exception {
        return kmip.get(id).managedObject().find(Tag.KEY_BLOCK, Ttlv.Structure.class)
                .flatMap(block -> block.find(Tag.KEY_VALUE, Ttlv.Structure.class))
                .flatMap(value -> value.find(Tag.KEY_MATERIAL, Ttlv.BytesItem.class)).orElseThrow().value();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static KeyStore donjonKeyStore(Provider donjon) throws Exception {
        String properties = "host=127.0.0.1\nport=" + server.kmipPort() + "\nca=" + dataDir.resolve(DevPki.CA_CERTIFICATE)
                + "\ncertificate=" + dataDir.resolve(DevMode.KMIP_CLIENT_CERTIFICATE)
                + "\nkey=" + dataDir.resolve(DevMode.KMIP_CLIENT_KEY) + "\n";
        KeyStore keys = KeyStore.getInstance("Donjon", donjon);
        keys.load(new ByteArrayInputStream(properties.getBytes(StandardCharsets.UTF_8)), null);
        return keys;
    }

    @Test
    void theKeyStoreListsKeysByNameAndHandsOutHandlesForSecretOnes() throws Exception {
        KeyStore keys = donjonKeyStore(new DonjonProvider());
        assertThat(Collections.list(keys.aliases())).contains("payments-key", "webhook-mac", "signer", "signer.pub");
        Key aes = keys.getKey("payments-key", null);
        assertThat(aes).isInstanceOf(SecretKey.class);
        assertThat(aes.getAlgorithm()).isEqualTo("AES");
        assertThat(aes.getEncoded()).as("the key does not leave the server").isNull();
        assertThat(keys.getKey("signer", null)).isInstanceOf(PrivateKey.class);
        assertThat(keys.getKey("signer.pub", null)).isInstanceOf(PublicKey.class);
        assertThat(keys.getKey("no such key", null)).isNull();
        assertThatThrownBy(() -> keys.deleteEntry("signer")).hasMessageContaining("read-only");
    }

    @Test
    void aesGcmOnTheServerInteroperatesWithTheJdk() throws Exception {
        Provider donjon = new DonjonProvider();
        Key key = donjonKeyStore(donjon).getKey("payments-key", null);
        byte[] aad = "invoice 7".getBytes(StandardCharsets.UTF_8);

        Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", donjon);
        encrypt.init(Cipher.ENCRYPT_MODE, key);
        encrypt.updateAAD(aad);
        byte[] sealed = encrypt.doFinal(MESSAGE);
        byte[] iv = encrypt.getIV();
        assertThat(iv).hasSize(12);

        Cipher local = Cipher.getInstance("AES/GCM/NoPadding");
        local.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesMaterial, "AES"), new GCMParameterSpec(128, iv));
        local.updateAAD(aad);
        assertThat(local.doFinal(sealed)).isEqualTo(MESSAGE);

        Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", donjon);
        decrypt.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
        decrypt.updateAAD(aad);
        assertThat(decrypt.doFinal(sealed)).isEqualTo(MESSAGE);

        sealed[0] ^= 1;
        decrypt.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
        decrypt.updateAAD(aad);
        byte[] tampered = sealed;
        assertThatThrownBy(() -> decrypt.doFinal(tampered)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void rsaSignaturesFromTheServerVerifyLocally() throws Exception {
        Provider donjon = new DonjonProvider();
        KeyStore keys = donjonKeyStore(donjon);
        Signature signer = Signature.getInstance("SHA256withRSA", donjon);
        signer.initSign((PrivateKey) keys.getKey("signer", null));
        signer.update(MESSAGE);
        byte[] signature = signer.sign();

        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify((PublicKey) keys.getKey("signer.pub", null));
        jdk.update(MESSAGE);
        assertThat(jdk.verify(signature)).isTrue();

        Signature viaDonjon = Signature.getInstance("SHA256withRSA", donjon);
        viaDonjon.initVerify((PublicKey) keys.getKey("signer.pub", null));
        viaDonjon.update("pay 999 EUR".getBytes(StandardCharsets.UTF_8));
        assertThat(viaDonjon.verify(signature)).isFalse();
    }

    @Test
    void hmacOnTheServerEqualsTheJdksHmac() throws Exception {
        Provider donjon = new DonjonProvider();
        Mac mac = Mac.getInstance("HmacSHA256", donjon);
        mac.init(donjonKeyStore(donjon).getKey("webhook-mac", null));
        mac.update(MESSAGE, 0, 10);
        mac.update(MESSAGE, 10, MESSAGE.length - 10);
        byte[] remote = mac.doFinal();

        Mac local = Mac.getInstance("HmacSHA256");
        local.init(new SecretKeySpec(hmacMaterial, "HmacSHA256"));
        assertThat(remote).hasSize(32).isEqualTo(local.doFinal(MESSAGE));
    }
}
