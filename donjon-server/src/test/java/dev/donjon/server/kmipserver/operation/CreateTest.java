package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.CryptographicUsageMask;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.ResultReason;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CreateTest extends OperationTest {

    @Test
    void createsAPreActiveSymmetricKeyOfTheLengthAsked() {
        ResponsePayload.Create created = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 256, CryptographicUsageMask.ENCRYPT)
                        .with(name(unique("create")))), ResponsePayload.Create.class);

        assertThat(created.objectType()).isEqualTo(ObjectType.SYMMETRIC_KEY);
        assertThat(state(created.uniqueIdentifier())).isEqualTo(State.PRE_ACTIVE);
        assertThat(attribute(created.uniqueIdentifier(), Tag.CRYPTOGRAPHIC_LENGTH))
                .containsExactly(new Ttlv.IntegerItem(Tag.CRYPTOGRAPHIC_LENGTH, 256));
        // Server-kept from creation on: a generated key is Fresh and was never served.
        assertThat(attribute(created.uniqueIdentifier(), Tag.FRESH))
                .containsExactly(new Ttlv.BooleanItem(Tag.FRESH, true));
    }

    @Test
    void refusesOtherObjectTypesAndMissingAttributes() {
        assertThat(reason(new RequestPayload.Create(ObjectType.SECRET_DATA, Attributes.EMPTY)))
                .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
        assertThat(reason(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.EMPTY
                .withEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES))))
                .isEqualTo(ResultReason.MISSING_DATA);
        assertThat(reason(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.RSA, 2048))))
                .isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void aKmip12ClientsNewObjectsGetTheDefaultOperationPolicyNameNewerClientsNone() {
        Attributes aes = Attributes.symmetricKey(CryptographicAlgorithm.AES, 128);
        String v12 = serve(context(ProtocolVersion.V1_2), new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, aes),
                ResponsePayload.Create.class).uniqueIdentifier();
        String v14 = serve(context(ProtocolVersion.V1_4), new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, aes),
                ResponsePayload.Create.class).uniqueIdentifier();
        String named = serve(context(ProtocolVersion.V1_2), new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                aes.with(Tag.OPERATION_POLICY_NAME, new Ttlv.TextItem(Tag.OPERATION_POLICY_NAME, "mine"))),
                ResponsePayload.Create.class).uniqueIdentifier();

        assertThat(policyName(v12)).containsExactly(new Ttlv.TextItem(Tag.OPERATION_POLICY_NAME, "default"));
        assertThat(policyName(v14)).isEmpty();
        assertThat(policyName(named)).containsExactly(new Ttlv.TextItem(Tag.OPERATION_POLICY_NAME, "mine"));
    }

    /** Operation Policy Name, which only 1.x names: read in 1.4. */
    private List<Ttlv> policyName(String id) {
        return serve(context(ProtocolVersion.V1_4), new RequestPayload.GetAttributes(Optional.of(id),
                List.of(new AttributeName.Standard(Tag.OPERATION_POLICY_NAME))), ResponsePayload.GetAttributes.class)
                .attributes().all(Tag.OPERATION_POLICY_NAME);
    }
}
