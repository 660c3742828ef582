package dev.donjon.server.kmipserver.operation;

import dev.donjon.kmip.Tag;
import dev.donjon.kmip.Ttlv;
import dev.donjon.kmip.enums.CryptographicAlgorithm;
import dev.donjon.kmip.enums.ObjectType;
import dev.donjon.kmip.message.Attribute;
import dev.donjon.kmip.message.AttributeName;
import dev.donjon.kmip.message.Attributes;
import dev.donjon.kmip.message.ProtocolVersion;
import dev.donjon.kmip.message.RequestPayload;
import dev.donjon.kmip.message.ResponsePayload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GetAttributesTest extends OperationTest {

    @Test
    void answersTheAttributesAskedForOrAllOfThem() {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 192)), ResponsePayload.Create.class).uniqueIdentifier();

        Attributes asked = serve(new RequestPayload.GetAttributes(Optional.of(id), List.of(
                new AttributeName.Standard(Tag.CRYPTOGRAPHIC_ALGORITHM))), ResponsePayload.GetAttributes.class)
                .attributes();
        Attributes all = serve(new RequestPayload.GetAttributes(Optional.of(id), List.of()),
                ResponsePayload.GetAttributes.class).attributes();

        assertThat(asked.list()).extracting(Attribute::value).containsExactly(new Ttlv.EnumerationItem(
                Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES));
        assertThat(all.all(Tag.UNIQUE_IDENTIFIER)).containsExactly(new Ttlv.TextItem(Tag.UNIQUE_IDENTIFIER, id));
        assertThat(all.first(Tag.INITIAL_DATE)).isPresent();
    }

    @Test
    void aKmip1ClientGetsNoAttributeKmip2Introduced() {
        String id = serve(new RequestPayload.Create(ObjectType.SYMMETRIC_KEY, Attributes.symmetricKey(
                CryptographicAlgorithm.AES, 128)), ResponsePayload.Create.class).uniqueIdentifier();

        Attributes v1 = serve(context(ProtocolVersion.V1_4), new RequestPayload.GetAttributes(Optional.of(id),
                List.of()), ResponsePayload.GetAttributes.class).attributes();
        Attributes v2 = serve(new RequestPayload.GetAttributes(Optional.of(id), List.of()),
                ResponsePayload.GetAttributes.class).attributes();

        assertThat(v2.first(Tag.SHORT_UNIQUE_IDENTIFIER)).isPresent();
        assertThat(v1.first(Tag.SHORT_UNIQUE_IDENTIFIER)).isEmpty();
    }
}
