package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EncryptTest extends OperationTest {
    private static final byte[] PLAINTEXT = "attack at dawn".getBytes(StandardCharsets.UTF_8);

    static Optional<Ttlv.Structure> parameters(BlockCipherMode mode, PaddingMethod padding) {
        return Optional.of(new Ttlv.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
                new Ttlv.EnumerationItem(Tag.BLOCK_CIPHER_MODE, mode),
                new Ttlv.EnumerationItem(Tag.PADDING_METHOD, padding)));
    }

    @Test
    void aesGcmWithAServerDrawnIvIsWhatTheJdkComputesWithTheKey() throws Exception {
        String id = aesKey(256, CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);

        ResponsePayload.Encrypt encrypted = serve(RequestPayload.Encrypt.of(id,
                parameters(BlockCipherMode.GCM, PaddingMethod.NONE), PLAINTEXT, Optional.empty()),
                ResponsePayload.Encrypt.class);

        byte[] iv = encrypted.ivCounterNonce().orElseThrow();
        assertThat(iv).hasSize(12);
        byte[] key = GetTest.material(serve(new RequestPayload.Get(id), ResponsePayload.Get.class));
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        byte[] sealed = new byte[encrypted.data().orElseThrow().length + 16];
        System.arraycopy(encrypted.data().orElseThrow(), 0, sealed, 0, encrypted.data().orElseThrow().length);
        System.arraycopy(encrypted.authenticatedEncryptionTag().orElseThrow(), 0, sealed,
                encrypted.data().orElseThrow().length, 16);
        assertThat(jdk.doFinal(sealed)).isEqualTo(PLAINTEXT);
    }

    @Test
    void theUsageMaskIsEnforced() {
        String id = aesKey(128, CryptographicUsageMask.DECRYPT);

        assertThat(refusal(RequestPayload.Encrypt.of(id, parameters(BlockCipherMode.CBC, PaddingMethod.PKCS5),
                PLAINTEXT, Optional.empty()))).isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void aStreamOpenedByTheInitIndicatorIsContinuedByItsCorrelationValue() {
        String id = aesKey(128, CryptographicUsageMask.ENCRYPT);
        byte[] iv = new byte[16];

        ResponsePayload.Encrypt first = serve(new RequestPayload.Encrypt(Optional.of(id),
                parameters(BlockCipherMode.CBC, PaddingMethod.PKCS5), Optional.of(PLAINTEXT), Optional.of(iv),
                Optional.empty(), Optional.of(true), Optional.empty(), Optional.empty()), ResponsePayload.Encrypt.class);
        ResponsePayload.Encrypt last = serve(new RequestPayload.Encrypt(Optional.empty(), Optional.empty(),
                Optional.of(PLAINTEXT), Optional.empty(), first.correlationValue(), Optional.empty(), Optional.of(true),
                Optional.empty()), ResponsePayload.Encrypt.class);
        ResponsePayload.Encrypt oneShot = serve(RequestPayload.Encrypt.of(id,
                parameters(BlockCipherMode.CBC, PaddingMethod.PKCS5), concat(PLAINTEXT, PLAINTEXT), Optional.of(iv)),
                ResponsePayload.Encrypt.class);

        assertThat(last.uniqueIdentifier()).isEqualTo(id);
        assertThat(concat(first.data().orElseThrow(), last.data().orElseThrow()))
                .isEqualTo(oneShot.data().orElseThrow());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
