package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.BlockCipherMode;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.PaddingMethod;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DecryptTest extends OperationTest {
    private static final byte[] PLAINTEXT = "attack at dawn".getBytes(StandardCharsets.UTF_8);

    @Test
    void decryptsWhatEncryptMadeAndRefusesATamperedTag() {
        String id = aesKey(128, CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
        ResponsePayload.Encrypt encrypted = serve(RequestPayload.Encrypt.of(id,
                EncryptTest.parameters(BlockCipherMode.GCM, PaddingMethod.NONE), PLAINTEXT, Optional.empty()),
                ResponsePayload.Encrypt.class);

        ResponsePayload.Decrypt decrypted = serve(decrypt(id, encrypted, encrypted.authenticatedEncryptionTag()
                .orElseThrow()), ResponsePayload.Decrypt.class);
        assertThat(decrypted.data()).hasValueSatisfying(clear -> assertThat(clear).isEqualTo(PLAINTEXT));

        byte[] tampered = encrypted.authenticatedEncryptionTag().orElseThrow().clone();
        tampered[0] ^= 1;
        assertThat(refusal(decrypt(id, encrypted, tampered))).isInstanceOfSatisfying(
                DomainException.CryptographicFailure.class, failure -> assertThat(failure.kind())
                        .isEqualTo(DomainException.CryptographicFailure.Kind.AUTHENTICATION_FAILED));
    }

    @Test
    void cbcWithoutAnIvIsAnInvalidMessage() {
        String id = aesKey(128, CryptographicUsageMask.DECRYPT);

        assertThat(reason(RequestPayload.Decrypt.of(id, EncryptTest.parameters(BlockCipherMode.CBC,
                PaddingMethod.PKCS5), new byte[16], Optional.empty()))).isEqualTo(ResultReason.INVALID_MESSAGE);
    }

    private static RequestPayload.Decrypt decrypt(String id, ResponsePayload.Encrypt encrypted, byte[] tag) {
        return new RequestPayload.Decrypt(Optional.of(id), EncryptTest.parameters(BlockCipherMode.GCM,
                PaddingMethod.NONE), encrypted.data(), encrypted.ivCounterNonce(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(tag));
    }
}
