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

class ActivateTest extends OperationTest {

    @Test
    void aPreActiveKeyBecomesActiveOnceAndOnlyOnce() {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)), ResponsePayload.Create.class)
                .uniqueIdentifier();

        assertThat(serve(new RequestPayload.Activate(Optional.of(id)), ResponsePayload.Activate.class)
                .uniqueIdentifier()).isEqualTo(id);
        assertThat(state(id)).isEqualTo(State.ACTIVE);
        assertThat(refusal(new RequestPayload.Activate(Optional.of(id))))
                .isInstanceOf(DomainException.Conflict.class);
    }

    @Test
    void withoutAnIdentifierTheIdPlaceholderOfTheBatchIsUsed() {
        OperationContext batch = context(dev.donjon.kmip.message.ProtocolVersion.V1_4);
        String id = serve(batch, new RequestPayload.Create(ObjectType.SYMMETRIC_KEY,
                Attributes.symmetricKey(CryptographicAlgorithm.AES, 128)), ResponsePayload.Create.class)
                .uniqueIdentifier();

        assertThat(serve(batch, new RequestPayload.Activate(Optional.empty()), ResponsePayload.Activate.class)
                .uniqueIdentifier()).isEqualTo(id);
    }
}
