package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ValidityIndicator;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** MAC, with MAC Verify as the check of what it computed. */
class MacTest extends OperationTest {
    private static final byte[] DATA = "the quick brown fox".getBytes(StandardCharsets.UTF_8);

    @Test
    void anHmacSha256IsTheJdksAndVerifiesOnlyForItsData() throws Exception {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.HMAC_SHA256, 256, CryptographicUsageMask.MAC_GENERATE,
                CryptographicUsageMask.MAC_VERIFY)), ResponsePayload.Create.class).uniqueIdentifier();
        serve(new RequestPayload.Activate(Optional.of(id)), ResponsePayload.Activate.class);

        byte[] mac = serve(new RequestPayload.Mac(Optional.of(id), Optional.empty(), Optional.of(DATA),
                Optional.empty(), Optional.empty(), Optional.empty()), ResponsePayload.Mac.class).macData()
                .orElseThrow();

        byte[] key = GetTest.material(serve(new RequestPayload.Get(id), ResponsePayload.Get.class));
        javax.crypto.Mac jdk = javax.crypto.Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(key, "HmacSHA256"));
        assertThat(mac).isEqualTo(jdk.doFinal(DATA));
        assertThat(verify(id, DATA, mac)).contains(ValidityIndicator.VALID);
        assertThat(verify(id, "the quick brown cat".getBytes(StandardCharsets.UTF_8), mac))
                .contains(ValidityIndicator.INVALID);
    }

    private Optional<ValidityIndicator> verify(String id, byte[] data, byte[] mac) {
        return serve(new RequestPayload.MacVerify(Optional.of(id), Optional.empty(), Optional.of(data),
                Optional.of(mac), Optional.empty(), Optional.empty(), Optional.empty()),
                ResponsePayload.MacVerify.class).validityIndicator();
    }
}
