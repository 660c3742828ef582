package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.DigitalSignatureAlgorithm;
import dev.donjon.kmip.enums.ValidityIndicator;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign, with Signature Verify as the check of what it signed. */
class SignTest extends OperationTest {
    private static final byte[] DATA = "pay 10 to bob".getBytes(StandardCharsets.UTF_8);
    private static final Optional<Ttlv.Structure> ECDSA_SHA256 = Optional.of(new Ttlv.Structure(
            Tag.CRYPTOGRAPHIC_PARAMETERS, new Ttlv.EnumerationItem(Tag.DIGITAL_SIGNATURE_ALGORITHM,
            DigitalSignatureAlgorithm.ECDSA_WITH_SHA256)));

    @Test
    void anEcdsaSignatureVerifiesWithThePublicHalfAndNotForOtherData() {
        ResponsePayload.CreateKeyPair pair = activePair();

        byte[] signature = serve(new RequestPayload.Sign(Optional.of(pair.privateKeyUniqueIdentifier()),
                ECDSA_SHA256, Optional.of(DATA), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), ResponsePayload.Sign.class).signatureData().orElseThrow();

        assertThat(verify(pair.publicKeyUniqueIdentifier(), DATA, signature)).contains(ValidityIndicator.VALID);
        assertThat(verify(pair.publicKeyUniqueIdentifier(), "pay 99 to bob".getBytes(StandardCharsets.UTF_8),
                signature)).contains(ValidityIndicator.INVALID);
    }

    @Test
    void aKeyWhoseUsageMaskLacksSignCannotSign() {
        ResponsePayload.CreateKeyPair pair = activePair();

        assertThat(refusal(new RequestPayload.Sign(Optional.of(pair.publicKeyUniqueIdentifier()), ECDSA_SHA256,
                Optional.of(DATA), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(DomainException.Conflict.class, conflict ->
                        assertThat(conflict.clash()).isEqualTo(DomainException.Clash.USAGE_NOT_PERMITTED));
    }

    private ResponsePayload.CreateKeyPair activePair() {
        ResponsePayload.CreateKeyPair pair = ecPair();
        serve(new RequestPayload.Activate(Optional.of(pair.privateKeyUniqueIdentifier())),
                ResponsePayload.Activate.class);
        serve(new RequestPayload.Activate(Optional.of(pair.publicKeyUniqueIdentifier())),
                ResponsePayload.Activate.class);
        return pair;
    }

    private Optional<ValidityIndicator> verify(String publicKey, byte[] data, byte[] signature) {
        return serve(new RequestPayload.SignatureVerify(Optional.of(publicKey), ECDSA_SHA256, Optional.of(data),
                Optional.empty(), Optional.of(signature), Optional.empty(), Optional.empty(), Optional.empty()),
                ResponsePayload.SignatureVerify.class).validityIndicator();
    }
}
