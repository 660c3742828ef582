package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GetAttributeListTest extends OperationTest {

    @Test
    void namesEachAttributeTheObjectHasOnce() {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128).with(name(unique("one"))).with(name(unique("two")))),
                ResponsePayload.Create.class).uniqueIdentifier();

        ResponsePayload.GetAttributeList list = serve(new RequestPayload.GetAttributeList(Optional.of(id)),
                ResponsePayload.GetAttributeList.class);

        assertThat(list.names()).contains(new AttributeName.Standard(Tag.NAME),
                new AttributeName.Standard(Tag.CRYPTOGRAPHIC_LENGTH), new AttributeName.Standard(Tag.STATE))
                .doesNotHaveDuplicates();
    }
}
