package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.enums.State;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import dev.donjon.server.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DestroyTest extends OperationTest {

    @Test
    void theMaterialGoesTheMetadataStays() {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)), ResponsePayload.Create.class)
                .uniqueIdentifier();

        serve(new RequestPayload.Destroy(Optional.of(id)), ResponsePayload.Destroy.class);

        assertThat(state(id)).isEqualTo(State.DESTROYED);
        assertThat(refusal(new RequestPayload.Get(id))).isInstanceOf(DomainException.class);
    }

    @Test
    void anActiveKeyIsRevokedFirst() {
        String id = aesKey(128);

        assertThat(refusal(new RequestPayload.Destroy(Optional.of(id)))).isInstanceOf(DomainException.Conflict.class);
        assertThat(state(id)).isEqualTo(State.ACTIVE);
    }
}
